package dev.osprey.server;

import dev.osprey.auth.AuthenticatorChain;
import dev.osprey.auth.CredentialStore;
import dev.osprey.auth.StaticCredentialStore;
import dev.osprey.protocol.route.Router;
import dev.osprey.protocol.route.RouterConfig;
import dev.osprey.server.api.RequestProcessor;
import dev.osprey.server.handler.Dispatcher;
import dev.osprey.server.tail.TailWaiters;
import dev.osprey.storage.ObjectService;
import java.util.concurrent.Executor;

/** Wires the request processor from a server configuration and an open storage. */
final class RequestProcessors {
  private RequestProcessors() {}

  /** The root key alone: what the admin API accepts. */
  static StaticCredentialStore rootStore(ServerConfig config) {
    return StaticCredentialStore.ofRoot(
        config.credentials().accessKeyId(), config.credentials().accessKeySecret());
  }

  /**
   * With {@code credentials} deciding which keys sign OSS requests (root and RAM users), the custom
   * domains of {@code services} addressing their buckets; live tail reads wait in {@code tails} and
   * look again on {@code workers}.
   */
  static RequestProcessor create(
      ServerConfig config,
      ObjectService storage,
      CredentialStore credentials,
      Dispatcher.BucketServices services,
      TailWaiters tails,
      Executor workers) {
    Router router = new Router(new RouterConfig(config.domains(), services.cnames()));
    AuthenticatorChain authenticators = AuthenticatorChain.standard(credentials);
    return new OssRequestProcessor(
        router,
        authenticators,
        storage,
        Dispatcher.create(
            config.region(), config.credentials().accountId(), storage, services, tails, workers),
        config);
  }
}
