package io.nubo.blockstorage.volume;

import io.nubo.blockstorage.backend.DiskFormat;
import io.nubo.blockstorage.backend.QemuImg;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** A volume's raw bytes in the disk format an upload asks for: raw as it is, anything else through qemu-img. */
final class ImageConversion {

    private ImageConversion() {
    }

    static InputStream fromRaw(InputStream raw, DiskFormat format) throws IOException {
        if (format.qemu().equals("raw")) {
            return raw;
        }
        Path in = Files.createTempFile("nubo-upload-", ".raw");
        Path out = in.resolveSibling(in.getFileName() + "." + format.qemu());
        try {
            Files.copy(raw, in, StandardCopyOption.REPLACE_EXISTING);
            QemuImg.convert(in.toString(), "raw", out, format.qemu());
        } finally {
            Files.deleteIfExists(in);
        }
        return new FilterInputStream(Files.newInputStream(out)) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    Files.deleteIfExists(out);
                }
            }
        };
    }
}
