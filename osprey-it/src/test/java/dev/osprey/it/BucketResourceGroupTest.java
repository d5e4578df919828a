package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.model.Bucket;
import com.aliyun.oss.model.CreateBucketRequest;
import com.aliyun.oss.model.CreateLiveChannelRequest;
import com.aliyun.oss.model.ListBucketsRequest;
import com.aliyun.oss.model.SetBucketResourceGroupRequest;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Resource groups (Put/GetBucketResourceGroup, {@code x-oss-resource-group-id} on PutBucket) and
 * the LiveChannel calls, which answer NotImplemented in OSS's error format, through the Java SDK.
 */
class BucketResourceGroupTest {
  private static OSS oss;

  @BeforeAll
  static void client() {
    oss = Clients.shared("V1");
  }

  @AfterAll
  static void close() {
    oss.shutdown();
  }

  @Test
  void aBucketIsInTheDefaultGroupUntilMoved() {
    String bucket = Buckets.unique("rg");
    oss.createBucket(bucket);
    assertThat(oss.getBucketResourceGroup(bucket).getResourceGroupId()).isEmpty();

    oss.setBucketResourceGroup(new SetBucketResourceGroupRequest(bucket, "rg-aek27tc5exampl"));
    assertThat(oss.getBucketResourceGroup(bucket).getResourceGroupId())
        .isEqualTo("rg-aek27tc5exampl");

    oss.setBucketResourceGroup(new SetBucketResourceGroupRequest(bucket, ""));
    assertThat(oss.getBucketResourceGroup(bucket).getResourceGroupId()).isEmpty();
  }

  @Test
  void putBucketTakesTheGroupFromItsHeader() {
    String bucket = Buckets.unique("rghdr");
    CreateBucketRequest create = new CreateBucketRequest(bucket);
    create.setResourceGroupId("rg-acfmxyz123");
    oss.createBucket(create);
    assertThat(oss.getBucketResourceGroup(bucket).getResourceGroupId()).isEqualTo("rg-acfmxyz123");
  }

  @Test
  void listingsAndBucketInfoShowTheGroupAndListBucketsFiltersByIt() {
    String group = "rg-" + Buckets.unique("g").replaceAll("[^a-z0-9]", "");
    String inGroup = Buckets.unique("rgin");
    String outside = Buckets.unique("rgout");
    CreateBucketRequest create = new CreateBucketRequest(inGroup);
    create.setResourceGroupId(group);
    oss.createBucket(create);
    oss.createBucket(outside);

    List<Bucket> listed =
        oss.listBuckets(new ListBucketsRequest().withResourceGroupId(group).withMaxKeys(1000))
            .getBucketList();
    assertThat(listed).extracting(Bucket::getName).containsExactly(inGroup);
    assertThat(listed.get(0).getResourceGroupId()).isEqualTo(group);
    assertThat(oss.getBucketInfo(inGroup).getBucket().getResourceGroupId()).isEqualTo(group);
    assertThat(oss.getBucketInfo(outside).getBucket().getResourceGroupId())
        .as("the default group is not named")
        .isNull();
  }

  @Test
  void aMalformedGroupIdIsInvalidArgument() {
    String bucket = Buckets.unique("rgbad");
    oss.createBucket(bucket);
    OssErrors.expect(
        "InvalidArgument",
        () -> oss.setBucketResourceGroup(new SetBucketResourceGroupRequest(bucket, "not a group")));
    CreateBucketRequest create = new CreateBucketRequest(Buckets.unique("rgbadhdr"));
    create.setResourceGroupId("bad id");
    OssErrors.expect("InvalidArgument", () -> oss.createBucket(create));
  }

  @Test
  void liveChannelCallsAnswerNotImplementedInOssFormat() {
    String bucket = Buckets.unique("live");
    oss.createBucket(bucket);
    OSSException create =
        OssErrors.expect(
            "NotImplemented",
            () -> oss.createLiveChannel(new CreateLiveChannelRequest(bucket, "channel1")));
    assertThat(create.getErrorMessage()).contains("live");
    OssErrors.expect("NotImplemented", () -> oss.listLiveChannels(bucket));
  }
}
