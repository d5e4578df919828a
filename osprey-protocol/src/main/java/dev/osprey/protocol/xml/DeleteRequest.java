package dev.osprey.protocol.xml;

import dev.osprey.protocol.Limits;
import dev.osprey.protocol.ObjectKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.w3c.dom.Element;

/**
 * The DeleteMultipleObjects body, {@code
 * <Delete><Quiet/><Object><Key/>[<VersionId/>]</Object>...</Delete>} (spec §3.4): 1 to 1000
 * objects. Shape faults → MalformedXML; invalid keys → InvalidObjectName. Keys may hold control
 * characters, written as the Java SDK writes them ({@link ControlCharacters}).
 */
public record DeleteRequest(boolean quiet, List<ObjectToDelete> objects) {

  /** One {@code <Object>}; {@code versionId} is null when not given. */
  public record ObjectToDelete(String key, String versionId) {}

  public DeleteRequest {
    objects = List.copyOf(objects);
  }

  public static DeleteRequest parse(byte[] body) {
    Element root = SafeXml.parse(ControlCharacters.tolerate(body), "Delete");
    List<Element> elements = SafeXml.children(root, "Object");
    if (elements.isEmpty() || elements.size() > Limits.DELETE_OBJECTS) {
      throw SafeXml.malformed(
          "A Delete request must name 1 to " + Limits.DELETE_OBJECTS + " objects.");
    }
    List<ObjectToDelete> objects = new ArrayList<>(elements.size());
    for (Element e : elements) {
      String key = SafeXml.childText(e, "Key");
      if (key == null) {
        throw SafeXml.malformed("Every Object must have a Key.");
      }
      ObjectKeys.validate(key);
      objects.add(new ObjectToDelete(key, SafeXml.childText(e, "VersionId")));
    }
    return new DeleteRequest(quiet(SafeXml.childText(root, "Quiet")), objects);
  }

  private static boolean quiet(String text) {
    if (text == null) {
      return false;
    }
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw SafeXml.malformed("Quiet must be true or false.");
    };
  }
}
