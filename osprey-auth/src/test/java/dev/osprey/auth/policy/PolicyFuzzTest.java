package dev.osprey.auth.policy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz target for the policy JSON reader: any text, as a bucket policy and as a RAM policy, is
 * either a document or a {@link MalformedPolicyException} (which the server answers with a 400),
 * never another exception or a hang on deep nesting.
 */
class PolicyFuzzTest {
  @FuzzTest
  void policyDocument(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    for (PolicyDocument.Kind kind : PolicyDocument.Kind.values()) {
      try {
        PolicyDocument.parse(text, kind);
      } catch (MalformedPolicyException expected) {
        // refused as malformed: what the server turns into InvalidPolicyDocument
      }
    }
  }
}
