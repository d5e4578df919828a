package dev.osprey.server;

import dev.osprey.auth.AuthenticatorChain;
import dev.osprey.auth.CredentialStore;
import dev.osprey.auth.StaticCredentialStore;
import dev.osprey.protocol.route.Router;
import dev.osprey.protocol.route.RouterConfig;
import dev.osprey.server.api.RequestProcessor;
import dev.osprey.server.handler.Dispatcher;
import dev.osprey.storage.ObjectService;

/** Wires the request processor from a server configuration and an open storage. */
final class RequestProcessors {
  private RequestProcessors() {}

  /** The root key alone: what the admin API accepts. */
  static StaticCredentialStore rootStore(ServerConfig config) {
    return StaticCredentialStore.ofRoot(
        config.credentials().accessKeyId(), config.credentials().accessKeySecret());
  }

  /**
   * With {@code credentials} deciding which keys sign OSS requests (root and RAM users) and {@code
   * settings} tuning the handlers.
   */
  static RequestProcessor create(
      ServerConfig config,
      ObjectService storage,
      CredentialStore credentials,
      Dispatcher.Settings settings) {
    Router router = new Router(new RouterConfig(config.domains()));
    AuthenticatorChain authenticators = AuthenticatorChain.standard(credentials);
    return new OssRequestProcessor(
        router,
        authenticators,
        storage,
        Dispatcher.create(config.region(), config.credentials().accountId(), storage, settings),
        config);
  }
}
