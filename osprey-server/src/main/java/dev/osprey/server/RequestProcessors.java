package dev.osprey.server;

import dev.osprey.auth.AuthenticatorChain;
import dev.osprey.auth.StaticCredentialStore;
import dev.osprey.protocol.route.Router;
import dev.osprey.protocol.route.RouterConfig;
import dev.osprey.server.api.RequestProcessor;
import dev.osprey.server.handler.Dispatcher;
import dev.osprey.storage.ObjectService;

/** Wires the request processor from a server configuration and an open storage. */
final class RequestProcessors {
  private RequestProcessors() {}

  static RequestProcessor create(ServerConfig config, ObjectService storage) {
    Router router = new Router(new RouterConfig(config.domains()));
    AuthenticatorChain authenticators =
        AuthenticatorChain.standard(
            StaticCredentialStore.ofRoot(
                config.credentials().accessKeyId(), config.credentials().accessKeySecret()));
    return new OssRequestProcessor(
        router,
        authenticators,
        storage,
        Dispatcher.create(config.region(), config.credentials().accountId(), storage),
        config);
  }
}
