package dev.osprey.cli.bench;

import java.util.Locale;

/** A minimal JSON writer for the bench's report: objects, arrays, strings and numbers. */
final class JsonWriter {
  private final StringBuilder sb = new StringBuilder();
  private boolean needComma;

  JsonWriter beginObject() {
    comma();
    sb.append('{');
    needComma = false;
    return this;
  }

  JsonWriter endObject() {
    sb.append('}');
    needComma = true;
    return this;
  }

  JsonWriter beginArray() {
    comma();
    sb.append('[');
    needComma = false;
    return this;
  }

  JsonWriter endArray() {
    sb.append(']');
    needComma = true;
    return this;
  }

  /** Writes {@code "name":}; the value follows. */
  JsonWriter name(String name) {
    comma();
    string(name);
    sb.append(':');
    needComma = false;
    return this;
  }

  JsonWriter value(String s) {
    comma();
    if (s == null) {
      sb.append("null");
    } else {
      string(s);
    }
    needComma = true;
    return this;
  }

  JsonWriter value(long v) {
    comma();
    sb.append(v);
    needComma = true;
    return this;
  }

  /** A number with up to three decimals (NaN and infinities, which JSON lacks, as null). */
  JsonWriter value(double v) {
    comma();
    sb.append(Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "null");
    needComma = true;
    return this;
  }

  JsonWriter value(boolean v) {
    comma();
    sb.append(v);
    needComma = true;
    return this;
  }

  JsonWriter field(String name, String v) {
    return name(name).value(v);
  }

  JsonWriter field(String name, long v) {
    return name(name).value(v);
  }

  JsonWriter field(String name, double v) {
    return name(name).value(v);
  }

  JsonWriter field(String name, boolean v) {
    return name(name).value(v);
  }

  private void comma() {
    if (needComma) {
      sb.append(',');
    }
  }

  private void string(String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  @Override
  public String toString() {
    return sb.toString();
  }
}
