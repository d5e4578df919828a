package dev.osprey.server;

import dev.osprey.auth.AuthRequest;
import dev.osprey.auth.AuthenticatorChain;
import dev.osprey.auth.Authorizer;
import dev.osprey.auth.Principal;
import dev.osprey.auth.RequestEnvironment;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.QueryParams;
import dev.osprey.protocol.op.ObjectOperation.GetObject;
import dev.osprey.protocol.op.ResponseOverrides;
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

  OssRequestProcessor(
      Router router,
      AuthenticatorChain authenticators,
      ObjectService storage,
      Dispatcher dispatcher,
      ServerConfig config) {
    this.region = config.region();
    this.accountId = config.credentials().accountId();
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
      RequestContext.SourceReadCheck sourceRead =
          (bucket, key, versionId) ->
              authorizeSourceRead(
                  request,
                  principal,
                  new GetObject(bucket, key, ResponseOverrides.NONE, versionId));
      String name = operation;
      OssResponse.Subject who = subject;
      return dispatcher
          .dispatchAsync(new RequestContext(request, routed, principal, sourceRead))
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
    OssException noSpace = storage.diskSpace().translate(failure);
    if (noSpace != null) {
      log.warn("Request {} {} refused: {}", method, request.requestId(), failure.toString());
      return errors
          .render(noSpace, request.requestId(), method, request.head().host())
          .operation(operation);
    }
    log.error("Request {} {} failed", method, request.requestId(), failure);
    return errors
        .render(internalError(failure), request.requestId(), method, request.head().host())
        .operation(operation);
  }

  /**
   * InternalError; when a disk I/O error caused it, the message says so (naming the exception's
   * kind, never a path).
   */
  private static OssException internalError(Throwable failure) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth < 32; t = t.getCause(), depth++) {
      if (t instanceof java.io.IOException) {
        return new OssException(
            OssErrorCode.INTERNAL_ERROR,
            "An I/O error on the server's disk stopped the request ("
                + t.getClass().getSimpleName()
                + "). Please try again.");
      }
    }
    return OssException.of(OssErrorCode.INTERNAL_ERROR);
  }

  /** The key that signed the request (the access log names it); null when anonymous. */
  private static String accessKeyId(Principal principal) {
    return switch (principal) {
      case Principal.Root r -> r.accessKeyId();
      case Principal.RamUser u -> u.accessKeyId();
      case Principal.Anonymous a -> null;
    };
  }

  /** Plain HTTP only: Osprey does not terminate TLS itself, so acs:SecureTransport is false. */
  private RequestEnvironment environment(IncomingRequest request) {
    return new RequestEnvironment(
        region,
        accountId,
        request.head().headers(),
        request.remoteAddress(),
        request.received(),
        false);
  }

  /**
   * CopyObject and UploadPartCopy read an object named in a header: the caller needs {@code
   * oss:GetObject} on it ({@code oss:GetObjectVersion} for a version), decided exactly as a
   * GetObject of that object would be (ACLs, bucket policy, RAM policies), since the authorizer
   * could only check the destination.
   */
  private void authorizeSourceRead(IncomingRequest request, Principal principal, GetObject read) {
    RoutedRequest source = new RoutedRequest(read, read.bucket(), read.key(), QueryParams.EMPTY);
    authorizer.authorize(
        principal,
        read,
        new StorageAccessContext(storage, source, environment(request), bucketPolicies));
  }

  @Override
  public OssResponse error(OssException error, String requestId, String method, String host) {
    return errors.render(error, requestId, method, host).operation(UNROUTED);
  }
}
