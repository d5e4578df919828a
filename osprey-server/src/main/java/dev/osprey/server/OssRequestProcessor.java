package dev.osprey.server;

import dev.osprey.auth.AuthRequest;
import dev.osprey.auth.AuthenticatorChain;
import dev.osprey.auth.Authorizer;
import dev.osprey.auth.Principal;
import dev.osprey.auth.RequestEnvironment;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.QueryParams;
import dev.osprey.protocol.op.ObjectOperation;
import dev.osprey.protocol.route.RoutedRequest;
import dev.osprey.protocol.route.Router;
import dev.osprey.server.api.IncomingRequest;
import dev.osprey.server.api.OssResponse;
import dev.osprey.server.api.RequestContext;
import dev.osprey.server.api.RequestProcessor;
import dev.osprey.server.handler.Dispatcher;
import dev.osprey.storage.ObjectService;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request flow of ARCHITECTURE.md, in order: route (parse into a typed operation), authenticate
 * (who), authorize (may they), dispatch to the operation's handler. Any OssException on the way
 * becomes the OSS error response; anything else is logged and answered with InternalError.
 */
final class OssRequestProcessor implements RequestProcessor {
  private static final Logger log = LoggerFactory.getLogger(OssRequestProcessor.class);

  /**
   * The operation name in metrics for requests that never became an operation (bad path, bad
   * query).
   */
  static final String UNROUTED = "Unrouted";

  private final Router router;
  private final AuthenticatorChain authenticators;
  private final Authorizer authorizer;
  private final BucketPolicies bucketPolicies = new BucketPolicies();
  private final ObjectService storage;
  private final Dispatcher dispatcher;
  private final ErrorResponses errors = new ErrorResponses();
  private final String region;
  private final String accountId;
  private final boolean secureTransport;

  OssRequestProcessor(
      Router router,
      AuthenticatorChain authenticators,
      ObjectService storage,
      Dispatcher dispatcher,
      ServerConfig config) {
    this.region = config.region();
    this.accountId = config.credentials().accountId();
    this.secureTransport = config.tls() != null;
    this.router = router;
    this.authenticators = authenticators;
    this.authorizer = new Authorizer();
    this.storage = storage;
    this.dispatcher = dispatcher;
  }

  @Override
  public OssResponse process(IncomingRequest request) {
    return processAsync(request).join();
  }

  @Override
  public CompletableFuture<OssResponse> processAsync(IncomingRequest request) {
    String operation = UNROUTED;
    OssResponse.Subject subject = OssResponse.Subject.NONE;
    try {
      RoutedRequest routed = router.route(request.head());
      operation = routed.operation().apiName();
      subject = new OssResponse.Subject(routed.bucket(), routed.key(), null);
      Principal principal =
          authenticators.authenticate(new AuthRequest(request.head(), routed, request.received()));
      subject = new OssResponse.Subject(routed.bucket(), routed.key(), accessKeyId(principal));
      authorizer.authorize(
          principal,
          routed.operation(),
          new StorageAccessContext(storage, routed, environment(request), bucketPolicies));
      RequestContext.ObjectAccessCheck objectAccess =
          other -> authorizeObject(request, principal, other);
      String name = operation;
      OssResponse.Subject who = subject;
      return dispatcher
          .dispatchAsync(new RequestContext(request, routed, principal, objectAccess))
          .handle(
              (response, failure) ->
                  (failure == null
                          ? response.operation(name)
                          : failed(unwrap(failure), request, name))
                      .subject(who));
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(failed(e, request, operation).subject(subject));
    }
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause()
        : failure;
  }

  /** An OssException becomes its OSS error; anything else is logged and answered InternalError. */
  private OssResponse failed(Throwable failure, IncomingRequest request, String operation) {
    String method = request.head().method();
    if (failure instanceof OssException e) {
      return errors
          .render(e, request.requestId(), method, request.head().host())
          .operation(operation);
    }
    log.error("Request {} {} failed", method, request.requestId(), failure);
    return errors
        .render(
            OssException.of(OssErrorCode.INTERNAL_ERROR),
            request.requestId(),
            method,
            request.head().host())
        .operation(operation);
  }

  /** The key that signed the request (the access log names it); null when anonymous. */
  private static String accessKeyId(Principal principal) {
    return switch (principal) {
      case Principal.Root r -> r.accessKeyId();
      case Principal.RamUser u -> u.accessKeyId();
      case Principal.Anonymous a -> null;
    };
  }

  /**
   * acs:SecureTransport is true exactly when the server serves HTTPS: the main listener then takes
   * nothing else.
   */
  private RequestEnvironment environment(IncomingRequest request) {
    return new RequestEnvironment(
        region,
        accountId,
        request.head().headers(),
        request.remoteAddress(),
        request.received(),
        secureTransport);
  }

  /**
   * An operation on another object than the one the request names, decided exactly as a request for
   * it would be (ACLs, bucket policy, RAM policies): CopyObject and UploadPartCopy read the object
   * named in a header ({@code oss:GetObject}, {@code oss:GetObjectVersion} for a version),
   * DeleteMultipleObjects deletes the keys named in its body ({@code oss:DeleteObject} each).
   */
  private void authorizeObject(IncomingRequest request, Principal principal, ObjectOperation op) {
    RoutedRequest other = new RoutedRequest(op, op.bucket(), op.key(), QueryParams.EMPTY);
    authorizer.authorize(
        principal,
        op,
        new StorageAccessContext(storage, other, environment(request), bucketPolicies));
  }

  @Override
  public OssResponse error(OssException error, String requestId, String method, String host) {
    return errors.render(error, requestId, method, host).operation(UNROUTED);
  }
}
