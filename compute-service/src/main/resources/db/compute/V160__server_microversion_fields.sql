-- Fields that later microversions show: the server's description (2.19) and the kernel and ramdisk images it was
-- booted with (OS-EXT-SRV-ATTR:kernel_id / ramdisk_id, 2.3; taken from the image's properties at boot and rebuild).
ALTER TABLE instances ADD COLUMN description VARCHAR(255);
ALTER TABLE instances ADD COLUMN kernel_id VARCHAR(64);
ALTER TABLE instances ADD COLUMN ramdisk_id VARCHAR(64);
