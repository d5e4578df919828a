package dev.osprey.junit;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import dev.osprey.storage.SyncMode;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link OspreyExtension} as a {@code @RegisterExtension} field, with settings in code. */
class RegisteredFieldTest {
  @RegisterExtension
  static final OspreyExtension osprey = OspreyExtension.perClass().sync(SyncMode.ALWAYS);

  @Test
  void theFieldGivesTheClientTheEndpointAndTheKeys(@OspreyBucket String bucket) throws Exception {
    assertThat(osprey.server().config().sync()).isEqualTo(SyncMode.ALWAYS);
    assertThat(osprey.endpoint()).isEqualTo(osprey.server().endpoint());
    assertThat(osprey.accessKeyId()).isEqualTo(osprey.server().credentials().accessKeyId());
    assertThat(osprey.accessKeySecret()).isNotBlank();

    osprey.client().putObject(bucket, "k", new ByteArrayInputStream(new byte[] {7}));
    OSS mine = osprey.connection().newClient();
    try {
      assertThat(mine.getObjectMetadata(bucket, "k").getContentLength()).isEqualTo(1);
    } finally {
      mine.shutdown();
    }
  }

  @Test
  void parametersResolveToTheFieldsServer(OSS oss) {
    assertThat(oss).isSameAs(osprey.client());
  }
}
