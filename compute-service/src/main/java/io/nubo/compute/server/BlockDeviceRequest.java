package io.nubo.compute.server;

/**
 * One block device mapping of a server create request, normalised from {@code block_device_mapping_v2} or the
 * legacy {@code block_device_mapping} (Nova's {@code BlockDeviceDict.from_api} / {@code from_legacy_mapping}).
 *
 * @param sourceType          {@code image}, {@code volume}, {@code snapshot} or {@code blank}
 * @param destinationType     {@code volume} or {@code local}
 * @param uuid                the source's id (null for blank)
 * @param bootIndex           0 for the root device, a positive index, or null/negative for a non-bootable one
 * @param volumeSize          GiB of a volume to create, or null
 * @param deleteOnTermination whether the volume goes with the server
 * @param deviceName          the requested device ({@code /dev/vda}), a hint, or null
 */
public record BlockDeviceRequest(String sourceType, String destinationType, String uuid, Integer bootIndex,
                                 Integer volumeSize, boolean deleteOnTermination, String deviceName) {

    public boolean root() {
        return bootIndex != null && bootIndex == 0;
    }

    public boolean toVolume() {
        return "volume".equals(destinationType);
    }
}
