package dev.osprey.protocol.xml;

import dev.osprey.protocol.HttpDates;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.w3c.dom.Element;

/**
 * The custom domains bound to one bucket (PutCname, ListCname, DeleteCname). Requests name a domain
 * in {@code <BucketCnameConfiguration><Cname><Domain>example.com</Domain>...}; a bucket keeps its
 * bindings as {@code <CnameBindings><Cname><Domain/><LastModified/></Cname>...}, and ListCname
 * answers {@code <ListCnameResult><Bucket/><Owner/><Cname><Domain/><LastModified/>
 * <Status>Enabled</Status></Cname>...}, the elements the Java SDK reads.
 */
public record CnameBindings(List<Binding> bindings) {
  /** The name of this configuration among a bucket's sub-resource configurations. */
  public static final String CONFIG_NAME = "cname";

  /** OSS allows up to 100 domains per bucket. */
  public static final int MAX_PER_BUCKET = 100;

  private static final Pattern DOMAIN =
      Pattern.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9-]{1,63}");

  public static final CnameBindings NONE = new CnameBindings(List.of());

  public CnameBindings {
    bindings = List.copyOf(bindings);
  }

  /** One bound domain; {@code fixed}: given on the server's command line, not by PutCname. */
  public record Binding(String domain, Instant lastModified, boolean fixed) {}

  /** The domain a PutCname or DeleteCname body names, lower-cased and checked. */
  public static String requestedDomain(byte[] body) {
    Element root = SafeXml.parse(body, "BucketCnameConfiguration");
    Element cname = SafeXml.child(root, "Cname");
    String domain = cname == null ? null : SafeXml.childText(cname, "Domain");
    if (domain == null || domain.isBlank()) {
      throw SafeXml.malformed("The Cname element must contain a Domain.");
    }
    return validDomain(domain);
  }

  /** {@code domain} lower-cased, when it is a host name; InvalidArgument otherwise. */
  public static String validDomain(String domain) {
    String d = domain.trim().toLowerCase(Locale.ROOT);
    if (d.endsWith(".")) {
      d = d.substring(0, d.length() - 1);
    }
    if (!DOMAIN.matcher(d).matches()) {
      throw OssException.invalidArgument("The domain name is not valid.", "Domain", domain);
    }
    return d;
  }

  /** A bucket's stored bindings ({@link #toXml()}); null or empty → none. */
  public static CnameBindings parseStored(String xml) {
    if (xml == null || xml.isEmpty()) {
      return NONE;
    }
    Element root = SafeXml.parse(xml.getBytes(StandardCharsets.UTF_8), "CnameBindings");
    List<Binding> out = new ArrayList<>();
    for (Element e : SafeXml.children(root, "Cname")) {
      out.add(
          new Binding(
              SafeXml.childText(e, "Domain"),
              Instant.parse(SafeXml.childText(e, "LastModified")),
              false));
    }
    return new CnameBindings(out);
  }

  public boolean contains(String domain) {
    return bindings.stream().anyMatch(b -> b.domain().equals(domain));
  }

  /** With {@code domain} bound (again) at {@code now}. */
  public CnameBindings with(String domain, Instant now) {
    List<Binding> out = new ArrayList<>(without(domain).bindings);
    if (out.size() >= MAX_PER_BUCKET) {
      throw OssException.of(
          OssErrorCode.TOO_MANY_CNAME, "A bucket can have at most 100 custom domains.");
    }
    out.add(new Binding(domain, now, false));
    return new CnameBindings(out);
  }

  public CnameBindings without(String domain) {
    return new CnameBindings(bindings.stream().filter(b -> !b.domain().equals(domain)).toList());
  }

  /** The stored form: what PutCname bound (command-line bindings are not stored). */
  public String toXml() {
    XmlWriter w = XmlWriter.document("CnameBindings");
    for (Binding b : bindings) {
      if (!b.fixed()) {
        w.start("Cname")
            .element("Domain", b.domain())
            .element("LastModified", b.lastModified().toString())
            .end();
      }
    }
    return w.toXml();
  }

  /** The ListCname answer. */
  public String toListXml(String bucket, String owner) {
    XmlWriter w = XmlWriter.document("ListCnameResult").element("Bucket", bucket);
    w.element("Owner", owner);
    for (Binding b : bindings) {
      w.start("Cname")
          .element("Domain", b.domain())
          .element("LastModified", HttpDates.formatIso8601(b.lastModified()))
          .element("Status", "Enabled")
          .end();
    }
    return w.toXml();
  }
}
