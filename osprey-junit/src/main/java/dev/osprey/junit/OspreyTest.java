package dev.osprey.junit;

import dev.osprey.storage.SyncMode;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class against an in-process Osprey, started on an ephemeral port of
 * 127.0.0.1 with its data in a temporary directory, and injects what a test needs as parameters of
 * test, lifecycle and constructor methods: a ready {@link com.aliyun.oss.OSS} client, the {@link
 * OspreyConnection} (endpoint and keys), the {@link dev.osprey.server.OspreyServer}, and with
 * {@link OspreyBucket} a fresh bucket per test.
 *
 * <pre>{@code
 * @OspreyTest
 * class UploaderTest {
 *   @Test
 *   void uploads(OSS oss, @OspreyBucket String bucket) {
 *     new Uploader(oss, bucket).upload("report.csv", data);
 *     assertThat(oss.doesObjectExist(bucket, "report.csv")).isTrue();
 *   }
 * }
 * }</pre>
 *
 * <p>The same settings are available without the annotation, as a field: {@code @RegisterExtension
 * static OspreyExtension osprey = OspreyExtension.perClass();} (see {@link OspreyExtension}). Use
 * one or the other in a class, not both.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(OspreyExtension.class)
public @interface OspreyTest {
  /**
   * Whether the class gets a server of its own ({@link OspreyScope#CLASS}, the default) or shares
   * one with every other class of the test run that asks for {@link OspreyScope#JVM}.
   */
  OspreyScope scope() default OspreyScope.CLASS;

  /**
   * What a {@code 200} promises (default {@link SyncMode#NEVER}: no fsync, the fastest; the data
   * directory is thrown away anyway). {@link SyncMode#ALWAYS} runs the server as in production.
   */
  SyncMode sync() default SyncMode.NEVER;
}
