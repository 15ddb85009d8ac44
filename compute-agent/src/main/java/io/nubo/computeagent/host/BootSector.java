package io.nubo.computeagent.host;

import java.nio.charset.StandardCharsets;

/**
 * The smallest guest that proves a virtualisation mode works: a 512-byte BIOS boot sector that writes
 * {@link #MARKER} to the first serial port (I/O port 0x3f8) and halts. The firmware loads it at 0x7c00.
 */
public final class BootSector {

    public static final String MARKER = "NUBO-PROBE-OK";

    private BootSector() {
    }

    /** The boot sector: code, the marker, zeros, and the 0x55 0xAA signature. */
    public static byte[] image() {
        byte[] code = {
            (byte) 0xFA,                         // cli
            0x31, (byte) 0xC0,                   // xor ax, ax
            (byte) 0x8E, (byte) 0xD8,            // mov ds, ax
            (byte) 0xBE, 0x16, 0x7C,             // mov si, 0x7c16 (the marker)
            (byte) 0xBA, (byte) 0xF8, 0x03,      // mov dx, 0x3f8 (COM1)
            (byte) 0xAC,                         // next: lodsb
            (byte) 0x84, (byte) 0xC0,            // test al, al
            0x74, 0x03,                          // jz done
            (byte) 0xEE,                         // out dx, al
            (byte) 0xEB, (byte) 0xF8,            // jmp next
            (byte) 0xF4,                         // done: hlt
            (byte) 0xEB, (byte) 0xFD,            // jmp done
        };
        byte[] sector = new byte[512];
        System.arraycopy(code, 0, sector, 0, code.length);
        byte[] text = (MARKER + "\r\n").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, sector, code.length, text.length);
        sector[510] = 0x55;
        sector[511] = (byte) 0xAA;
        return sector;
    }
}
