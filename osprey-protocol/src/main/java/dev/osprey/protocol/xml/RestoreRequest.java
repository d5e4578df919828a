package dev.osprey.protocol.xml;

import dev.osprey.protocol.StorageClass;
import org.w3c.dom.Element;

/**
 * The optional RestoreObject body, {@code
 * <RestoreRequest><Days>N</Days><JobParameters><Tier>T</Tier></JobParameters></RestoreRequest>}.
 * Archive objects take Days 1–7 and no JobParameters; Cold Archive and Deep Cold Archive objects
 * take Days 1–365 and a Tier ({@code Expedited}, {@code Standard}, {@code Bulk}; Deep Cold Archive
 * has no {@code Bulk}). Every violation is MalformedXML, as the SDK's tests expect for
 * JobParameters on an Archive object.
 *
 * @param days how long the object stays restored, in days
 * @param tier the restore priority, null for an Archive object
 */
public record RestoreRequest(int days, String tier) {
  public static final int DEFAULT_DAYS = 1;
  public static final String DEFAULT_TIER = "Standard";

  /**
   * The request for an object of class {@code storageClass}: {@code body} empty means the defaults
   * (one day, Standard priority for the cold classes).
   */
  public static RestoreRequest parse(byte[] body, StorageClass storageClass) {
    boolean archive = storageClass == StorageClass.ARCHIVE;
    if (body == null || body.length == 0) {
      return new RestoreRequest(DEFAULT_DAYS, archive ? null : DEFAULT_TIER);
    }
    Element root = SafeXml.parse(body, "RestoreRequest");
    int days = days(SafeXml.childText(root, "Days"), archive ? 7 : 365);
    Element job = SafeXml.child(root, "JobParameters");
    if (archive) {
      if (job != null) {
        throw SafeXml.malformed("JobParameters are not allowed for an Archive object.");
      }
      return new RestoreRequest(days, null);
    }
    String tier = job == null ? null : SafeXml.childText(job, "Tier");
    if (tier == null) {
      return new RestoreRequest(days, DEFAULT_TIER);
    }
    tier = tier.trim();
    boolean known =
        tier.equals("Expedited")
            || tier.equals("Standard")
            || tier.equals("Bulk") && storageClass != StorageClass.DEEP_COLD_ARCHIVE;
    if (!known) {
      throw SafeXml.malformed("The restore Tier " + tier + " is not valid for this object.");
    }
    return new RestoreRequest(days, tier);
  }

  private static int days(String text, int max) {
    if (text == null) {
      return DEFAULT_DAYS;
    }
    try {
      int days = Integer.parseInt(text.trim());
      if (days >= 1 && days <= max) {
        return days;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw SafeXml.malformed("Days must be an integer from 1 to " + max + ".");
  }
}
