// Run by scripts/dist (java scripts/ThirdPartyLicenses.java DEPENDENCIES OUT.md LICENSES-DIR): lists the
// licence of every third-party jar a release bundle carries, as its Maven pom declares it (following parent
// poms in the local repository), and copies the licence and notice files the jars ship under LICENSES-DIR.
// A jar whose licence cannot be found fails the bundle: shipping it unlisted is not an option.

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

public class ThirdPartyLicenses {
  record Artifact(String group, String name, String version, Path jar) {}

  record License(String name, String url) {}

  public static void main(String[] args) throws Exception {
    List<Artifact> artifacts = read(Path.of(args[0]));
    Path licensesDir = Path.of(args[2]);
    StringBuilder out = new StringBuilder();
    out.append("# Third-party software in this bundle\n\n");
    out.append("Each jar under `lib/` with the licence its Maven pom declares. The licence and notice\n");
    out.append("files a jar ships are copied under `licenses/<jar>/`.\n\n");
    out.append("| library | version | licence | jar |\n|---|---|---|---|\n");
    List<String> missing = new ArrayList<>();
    for (Artifact a : artifacts) {
      Set<License> licenses = licenses(a);
      if (licenses.isEmpty()) {
        missing.add(a.group() + ":" + a.name() + ":" + a.version());
      }
      StringBuilder names = new StringBuilder();
      for (License l : licenses) {
        names.append(names.isEmpty() ? "" : " or "); // several: offered as alternatives
        names.append(l.url() == null ? l.name() : "[" + l.name() + "](" + l.url() + ")");
      }
      String jar = a.jar().getFileName().toString();
      out.append("| ").append(a.group()).append(':').append(a.name());
      out.append(" | ").append(a.version()).append(" | ").append(names).append(" | `lib/");
      out.append(jar).append("` |\n");
      copyNotices(a.jar(), licensesDir.resolve(jar.replaceFirst("\\.jar$", "")));
    }
    if (!missing.isEmpty()) {
      System.err.println("No licence found in the poms of: " + String.join(", ", missing));
      System.exit(1);
    }
    Files.writeString(Path.of(args[1]), out);
  }

  /** The third-party lines of `mvn dependency:list -DoutputAbsoluteArtifactFilename=true`. */
  static List<Artifact> read(Path list) throws IOException {
    List<Artifact> out = new ArrayList<>();
    for (String line : Files.readAllLines(list)) {
      String s = line.strip();
      int module = s.indexOf(" -- ");
      if (module >= 0) {
        s = s.substring(0, module);
      }
      String[] f = s.split(":");
      // group:artifact:type[:classifier]:version:scope:/path
      if (f.length < 6 || !s.contains("/") || f[0].equals("dev.osprey")) {
        continue;
      }
      boolean classified = f.length >= 7;
      String version = classified ? f[4] : f[3];
      String path = s.substring(s.indexOf(":/") + 1);
      out.add(new Artifact(f[0], f[1], version, Path.of(path)));
    }
    return out;
  }

  /** The licences of the artifact's pom, or of its nearest parent that declares some. */
  static Set<License> licenses(Artifact a) throws Exception {
    Path repo = a.jar().getParent().getParent().getParent();
    for (int i = 0; i < a.group().split("\\.").length; i++) {
      repo = repo.getParent();
    }
    Path pom = a.jar().resolveSibling(a.name() + "-" + a.version() + ".pom");
    for (int depth = 0; depth < 10 && Files.exists(pom); depth++) {
      Document doc = parse(pom);
      Set<License> found = new LinkedHashSet<>();
      NodeList ls = doc.getElementsByTagName("license");
      for (int i = 0; i < ls.getLength(); i++) {
        Element l = (Element) ls.item(i);
        String name = child(l, "name");
        if (name != null) {
          found.add(new License(name.strip().replaceAll("\\s+", " "), child(l, "url")));
        }
      }
      if (!found.isEmpty()) {
        return found;
      }
      Element parent = first(doc.getDocumentElement(), "parent");
      if (parent == null) {
        break;
      }
      String g = child(parent, "groupId");
      String n = child(parent, "artifactId");
      String v = child(parent, "version");
      pom = repo.resolve(g.replace('.', '/')).resolve(n).resolve(v).resolve(n + "-" + v + ".pom");
    }
    return Set.of();
  }

  static void copyNotices(Path jar, Path dir) throws IOException {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        String name = e.getName();
        String base = name.substring(name.lastIndexOf('/') + 1).toUpperCase();
        boolean notice = base.startsWith("LICENSE") || base.startsWith("NOTICE") || base.startsWith("COPYING");
        if (!e.isDirectory() && name.startsWith("META-INF/") && notice && !name.endsWith(".class")) {
          Path target = dir.resolve(name.substring("META-INF/".length()).replace('/', '_'));
          Files.createDirectories(dir);
          try (InputStream in = zip.getInputStream(e)) {
            Files.copy(in, target);
          }
        }
      }
    }
  }

  static Document parse(Path pom) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    f.setExpandEntityReferences(false);
    return f.newDocumentBuilder().parse(pom.toFile());
  }

  static Element first(Element parent, String tag) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(tag)) {
        return e;
      }
    }
    return null;
  }

  static String child(Element parent, String tag) {
    Element e = first(parent, tag);
    return e == null ? null : e.getTextContent().strip();
  }
}
