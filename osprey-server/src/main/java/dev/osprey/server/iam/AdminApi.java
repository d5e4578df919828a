package dev.osprey.server.iam;

import dev.osprey.auth.AuthRequest;
import dev.osprey.auth.AuthenticatorChain;
import dev.osprey.auth.Principal;
import dev.osprey.auth.SecurityTokens;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.QueryParams;
import dev.osprey.protocol.RequestHead;
import dev.osprey.protocol.route.RoutedRequest;
import dev.osprey.storage.AccessKeyRecord;
import dev.osprey.storage.UserRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The admin API, served on the operators' listener under {@code /admin/}: RAM users, their access
 * keys and policies. Every request must be signed with the root key (signature V1 or V4 in the
 * header, exactly as an OSS request, with the path as the signed resource: {@code /admin/users/bob}
 * signs as bucket {@code admin}, key {@code users/bob}). Answers are JSON.
 *
 * <pre>
 * GET    /admin/users                          list users
 * POST   /admin/users/{user}                   create a user
 * DELETE /admin/users/{user}                   delete a user, its keys and policies
 * GET    /admin/users/{user}/keys              list its access keys (never secrets)
 * POST   /admin/users/{user}/keys              create a key: the only answer holding its secret
 * DELETE /admin/users/{user}/keys/{id}         delete a key
 * GET    /admin/users/{user}/policies          list policy names
 * PUT    /admin/users/{user}/policies/{name}   attach a policy (body: the JSON document)
 * GET    /admin/users/{user}/policies/{name}   the document
 * DELETE /admin/users/{user}/policies/{name}   detach it
 * POST   /admin/users/{user}/sts[/{seconds}]   temporary credentials acting as the user (default
 *                                              3600 s); body: an optional session policy
 * </pre>
 *
 * <p>The STS duration is in the path because the path is signed: a tampered request cannot lengthen
 * a session.
 */
public final class AdminApi {
  /** A JSON answer. */
  public record Reply(int status, String json) {}

  private final AuthenticatorChain rootOnly;
  private final IamService iam;

  public AdminApi(AuthenticatorChain rootOnly, IamService iam) {
    this.rootOnly = rootOnly;
    this.iam = iam;
  }

  /**
   * @param head method, raw URI and headers as received
   * @param body the request body (at most the listener's aggregation limit)
   */
  public Reply handle(RequestHead head, byte[] body) {
    try {
      String path = head.rawUri();
      if (path.contains("?") || path.contains("%") || !path.startsWith("/admin/")) {
        throw new IamException(404, "NotFound", "No such admin resource.");
      }
      authenticate(head, path);
      return route(head.method(), path.substring("/admin/".length()).split("/", -1), body);
    } catch (IamException e) {
      return error(e.status(), e.code(), e.getMessage());
    } catch (OssException e) {
      return error(e.code().httpStatus(), e.code().code(), e.getMessage());
    }
  }

  private void authenticate(RequestHead head, String path) {
    String rest = path.substring("/admin/".length());
    RoutedRequest routed = new RoutedRequest(null, "admin", rest, QueryParams.EMPTY);
    Principal p = rootOnly.authenticate(new AuthRequest(head, routed, Instant.now()));
    if (!(p instanceof Principal.Root)) {
      throw new IamException(
          403, "AccessDenied", "The admin API needs a request signed with the root key.");
    }
  }

  private Reply route(String method, String[] p, byte[] body) {
    if (p.length == 1 && p[0].equals("users") && method.equals("GET")) {
      return ok(Map.of("Users", iam.listUsers().stream().map(AdminApi::user).toList()));
    }
    if (p.length < 2 || !p[0].equals("users")) {
      throw notFound();
    }
    String user = p[1];
    if (p.length == 2) {
      return switch (method) {
        case "POST" -> ok(user(iam.createUser(user)));
        case "DELETE" -> {
          iam.deleteUser(user);
          yield ok(Map.of());
        }
        default -> throw notFound();
      };
    }
    return switch (p[2]) {
      case "keys" -> keys(method, user, p);
      case "policies" -> policies(method, user, p, body);
      case "sts" -> sts(method, user, p, body);
      default -> throw notFound();
    };
  }

  private Reply keys(String method, String user, String[] p) {
    if (p.length == 3 && method.equals("GET")) {
      return ok(
          Map.of("AccessKeys", iam.listAccessKeys(user).stream().map(AdminApi::key).toList()));
    }
    if (p.length == 3 && method.equals("POST")) {
      IamService.NewAccessKey k = iam.createAccessKey(user);
      Map<String, Object> out = key(k.record());
      out.put("AccessKeySecret", k.secret());
      return ok(out);
    }
    if (p.length == 4 && method.equals("DELETE")) {
      iam.deleteAccessKey(user, p[3]);
      return ok(Map.of());
    }
    throw notFound();
  }

  private Reply policies(String method, String user, String[] p, byte[] body) {
    if (p.length == 3 && method.equals("GET")) {
      return ok(Map.of("Policies", List.copyOf(iam.listPolicies(user).keySet())));
    }
    if (p.length != 4) {
      throw notFound();
    }
    return switch (method) {
      case "PUT" -> {
        iam.putPolicy(user, p[3], new String(body, StandardCharsets.UTF_8));
        yield ok(Map.of());
      }
      case "GET" -> ok(Map.of("PolicyName", p[3], "PolicyDocument", iam.getPolicy(user, p[3])));
      case "DELETE" -> {
        iam.deletePolicy(user, p[3]);
        yield ok(Map.of());
      }
      default -> throw notFound();
    };
  }

  private Reply sts(String method, String user, String[] p, byte[] body) {
    if (!method.equals("POST") || p.length > 4) {
      throw notFound();
    }
    Duration duration = p.length == 4 ? seconds(p[3]) : IamService.DEFAULT_STS_DURATION;
    String policy = body.length == 0 ? null : new String(body, StandardCharsets.UTF_8);
    SecurityTokens.TemporaryCredentials c = iam.assumeUser(user, policy, duration);
    Map<String, Object> credentials = new LinkedHashMap<>();
    credentials.put("AccessKeyId", c.accessKeyId());
    credentials.put("AccessKeySecret", c.accessKeySecret());
    credentials.put("SecurityToken", c.securityToken());
    // Whole seconds, as Alibaba Cloud STS writes it: 2015-04-09T11:52:19Z
    credentials.put("Expiration", c.expiration().toString());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("Credentials", credentials);
    out.put("UserName", user);
    return ok(out);
  }

  private static Duration seconds(String text) {
    if (!text.matches("[0-9]{1,9}")) {
      throw new IamException(
          400, "InvalidParameter.DurationSeconds", "DurationSeconds must be a number of seconds.");
    }
    return Duration.ofSeconds(Long.parseLong(text));
  }

  private static Map<String, Object> user(UserRecord u) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("UserName", u.name());
    m.put("UserId", u.userId());
    m.put("CreateDate", u.created().toString());
    return m;
  }

  private static Map<String, Object> key(AccessKeyRecord k) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("AccessKeyId", k.accessKeyId());
    m.put("UserName", k.userName());
    m.put("Status", k.active() ? "Active" : "Inactive");
    m.put("CreateDate", k.created().toString());
    return m;
  }

  private static Reply ok(Object body) {
    return new Reply(200, AdminJson.write(body));
  }

  private static Reply error(int status, String code, String message) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Code", code);
    m.put("Message", message);
    return new Reply(status, AdminJson.write(m));
  }

  private static IamException notFound() {
    return new IamException(404, "NotFound", "No such admin resource.");
  }
}
