package dev.osprey.protocol.form;

import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads a {@code multipart/form-data} body (RFC 7578) part by part, streaming: a part's bytes are
 * read from the underlying stream only as the caller reads them, and memory stays bounded by one
 * buffer whatever the size of a part. A body that does not follow the format is
 * MalformedPOSTRequest.
 */
public final class MultipartFormReader {
  private static final int BUFFER = 64 * 1024;
  private static final int MAX_HEADER_LINE = 8 * 1024;
  private static final int MAX_PART_HEADERS = 16;

  /** One part: its form field name, its file name (null for a plain field), its bytes. */
  public record Part(String name, String filename, String contentType, InputStream body) {}

  private final InputStream in;
  private final byte[] delimiter;
  private final byte[] buf;
  private int pos;
  private int limit;
  private boolean eof;
  private boolean finished;
  private PartBody current;

  /**
   * @param boundary the {@code boundary} parameter of the request's Content-Type
   */
  public MultipartFormReader(InputStream in, String boundary) {
    this.in = in;
    // The first delimiter has no CRLF before it; a virtual one at the start makes them all alike.
    this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    this.buf = new byte[Math.max(BUFFER, delimiter.length * 4)];
    buf[0] = '\r';
    buf[1] = '\n';
    limit = 2;
  }

  /**
   * The {@code boundary} parameter of a {@code multipart/form-data} Content-Type, or null when the
   * type is another one or has no usable boundary (RFC 2046: 1 to 70 characters).
   */
  public static String boundary(String contentType) {
    if (contentType == null
        || !contentType.trim().toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      return null;
    }
    for (String param : contentType.split(";")) {
      String p = param.trim();
      if (p.regionMatches(true, 0, "boundary=", 0, 9)) {
        String b = p.substring(9).trim();
        if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) {
          b = b.substring(1, b.length() - 1);
        }
        return b.isEmpty() || b.length() > 70 ? null : b;
      }
    }
    return null;
  }

  /**
   * The next part, or null after the closing delimiter. The previous part's unread bytes are
   * skipped.
   */
  public Part next() throws IOException {
    if (current != null) {
      current.skipRest();
    } else if (!finished) {
      skipPreamble();
    }
    if (finished) {
      return null;
    }
    return readHeaders();
  }

  private void skipPreamble() throws IOException {
    PartBody preamble = new PartBody();
    preamble.skipRest();
  }

  /** After a delimiter: {@code --} ends the body, CRLF starts a part's headers. */
  private void afterDelimiter() throws IOException {
    fill(2);
    if (limit - pos < 2) {
      throw malformed("The body ends inside a multipart delimiter.");
    }
    byte a = buf[pos];
    byte b = buf[pos + 1];
    pos += 2;
    if (a == '-' && b == '-') {
      finished = true;
    } else if (a != '\r' || b != '\n') {
      // transport padding (spaces or tabs) before the CRLF is allowed by RFC 2046
      pos -= 2;
      while (true) {
        fill(1);
        if (limit == pos) {
          throw malformed("The body ends after a multipart delimiter.");
        }
        byte c = buf[pos++];
        if (c == '\n') {
          break;
        }
        if (c != ' ' && c != '\t' && c != '\r') {
          throw malformed("A multipart delimiter is followed by unexpected bytes.");
        }
      }
    }
  }

  private Part readHeaders() throws IOException {
    String name = null;
    String filename = null;
    String contentType = null;
    for (int count = 0; ; count++) {
      String line = readLine();
      if (line.isEmpty()) {
        break;
      }
      if (count >= MAX_PART_HEADERS) {
        throw malformed("A multipart part has too many headers.");
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw malformed("A multipart part header is not of the form Name: value.");
      }
      String header = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).trim();
      if (header.equals("content-disposition")) {
        name = parameter(value, "name");
        filename = parameter(value, "filename");
      } else if (header.equals("content-type")) {
        contentType = value;
      }
    }
    if (name == null) {
      throw malformed("A multipart part has no Content-Disposition name.");
    }
    current = new PartBody();
    return new Part(name, filename, contentType, current);
  }

  private String readLine() throws IOException {
    int scanned = 0; // bytes after pos already searched for CRLF
    while (true) {
      for (int i = pos + Math.max(0, scanned - 1); i + 1 < limit; i++) {
        if (buf[i] == '\r' && buf[i + 1] == '\n') {
          String line = new String(buf, pos, i - pos, StandardCharsets.UTF_8);
          pos = i + 2;
          return line;
        }
      }
      scanned = limit - pos;
      if (scanned >= MAX_HEADER_LINE) {
        throw malformed("A multipart part header line is too long.");
      }
      fill(scanned + 1);
      if (limit - pos == scanned) {
        throw malformed("The body ends inside a multipart part's headers.");
      }
    }
  }

  /** Makes at least {@code n} bytes available from {@code pos}, unless the stream ends first. */
  private void fill(int n) throws IOException {
    if (limit - pos >= n) {
      return;
    }
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      limit -= pos;
      pos = 0;
    }
    while (limit < n && !eof) {
      int r = in.read(buf, limit, buf.length - limit);
      if (r < 0) {
        eof = true;
      } else {
        limit += r;
      }
    }
  }

  /** Where the delimiter starts in the buffered bytes, or -1. */
  private int findDelimiter() {
    int last = limit - delimiter.length;
    outer:
    for (int i = pos; i <= last; i++) {
      if (buf[i] != '\r') {
        continue;
      }
      for (int j = 1; j < delimiter.length; j++) {
        if (buf[i + j] != delimiter[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** A part's bytes: everything up to the next delimiter. */
  private final class PartBody extends InputStream {
    private boolean ended;

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (ended) {
        return -1;
      }
      if (len == 0) {
        return 0;
      }
      fill(delimiter.length + 2);
      int at = findDelimiter();
      int safe;
      if (at >= 0) {
        safe = at - pos;
      } else if (eof && limit - pos < delimiter.length) {
        throw malformed("The body ends before the closing multipart delimiter.");
      } else {
        // a delimiter may begin within the last delimiter.length - 1 bytes
        safe = limit - pos - (delimiter.length - 1);
      }
      if (safe == 0 && at >= 0) {
        pos += delimiter.length;
        ended = true;
        afterDelimiter();
        return -1;
      }
      int n = Math.min(len, safe);
      System.arraycopy(buf, pos, b, off, n);
      pos += n;
      return n;
    }

    void skipRest() throws IOException {
      byte[] scratch = new byte[8192];
      while (read(scratch, 0, scratch.length) >= 0) {
        // discard
      }
    }
  }

  /** A parameter of a Content-Disposition value ({@code name="file"}), unquoted; null if absent. */
  static String parameter(String disposition, String param) {
    int i = 0;
    String lower = disposition.toLowerCase(Locale.ROOT);
    while ((i = lower.indexOf(param + "=", i)) >= 0) {
      boolean atStart = i == 0 || lower.charAt(i - 1) == ';' || lower.charAt(i - 1) == ' ';
      int v = i + param.length() + 1;
      if (!atStart) {
        i = v;
        continue;
      }
      if (v < disposition.length() && disposition.charAt(v) == '"') {
        int end = disposition.indexOf('"', v + 1);
        return end < 0 ? disposition.substring(v + 1) : disposition.substring(v + 1, end);
      }
      int end = disposition.indexOf(';', v);
      return (end < 0 ? disposition.substring(v) : disposition.substring(v, end)).trim();
    }
    return null;
  }

  static OssException malformed(String message) {
    return OssException.of(OssErrorCode.MALFORMED_POST_REQUEST, message);
  }
}
