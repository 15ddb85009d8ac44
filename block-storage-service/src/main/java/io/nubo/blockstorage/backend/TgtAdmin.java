package io.nubo.blockstorage.backend;

import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code tgtadm} commands of one tgt daemon (its control port; 0 is the default daemon). Targets are found by
 * name, so the target id in use is read back from the daemon and never kept here: the daemon is the truth, and
 * another service on the same daemon may hold other ids.
 */
final class TgtAdmin {

    private static final Pattern TARGET = Pattern.compile("(?m)^Target (\\d+): (\\S+)$");
    private static final int EXISTS = 22;

    private final int controlPort;

    TgtAdmin(int controlPort) {
        this.controlPort = controlPort;
    }

    /** The id of the target with that name, if the daemon has one. */
    OptionalInt targetId(String iqn) throws IOException {
        Matcher m = TARGET.matcher(tgtadm("show targets", "--lld", "iscsi", "--op", "show", "--mode", "target"));
        while (m.find()) {
            if (m.group(2).equals(iqn)) {
                return OptionalInt.of(Integer.parseInt(m.group(1)));
            }
        }
        return OptionalInt.empty();
    }

    /**
     * Exports {@code file} as LUN 1 of a new target {@code iqn}, open to logins with the CHAP account only. Picks
     * the lowest free target id; if another caller takes it first, tries the next.
     */
    synchronized int export(String iqn, Path file, String chapUser, String chapPassword) throws IOException {
        OptionalInt existing = targetId(iqn);
        if (existing.isPresent()) {
            return existing.getAsInt();
        }
        int tid = nextFreeId();
        for (int attempt = 0; ; attempt++) {
            try {
                tgtadm("new target " + iqn, "--lld", "iscsi", "--op", "new", "--mode", "target", "--tid",
                        Integer.toString(tid), "--targetname", iqn);
                break;
            } catch (ChildProcess.CommandFailedException e) {
                if (e.exitCode() != EXISTS || attempt > 20) {
                    throw e;
                }
                tid++;
            }
        }
        try {
            String t = Integer.toString(tid);
            tgtadm("new lun of " + iqn, "--lld", "iscsi", "--op", "new", "--mode", "logicalunit", "--tid", t,
                    "--lun", "1", "--backing-store", file.toString());
            try {
                tgtadm("new account " + chapUser, "--lld", "iscsi", "--op", "new", "--mode", "account", "--user",
                        chapUser, "--password", chapPassword);
            } catch (ChildProcess.CommandFailedException e) {
                if (e.exitCode() != EXISTS) {
                    throw e;
                }
            }
            tgtadm("bind account to " + iqn, "--lld", "iscsi", "--op", "bind", "--mode", "account", "--tid", t,
                    "--user", chapUser);
            tgtadm("allow logins to " + iqn, "--lld", "iscsi", "--op", "bind", "--mode", "target", "--tid", t,
                    "--initiator-address", "ALL");
            return tid;
        } catch (IOException e) {
            unexport(iqn, chapUser);
            throw e;
        }
    }

    /** Removes the target (ending its sessions) and the CHAP account; nothing happens if neither exists. */
    /**
     * Makes an exported target's LUN 1 again from {@code file}, so that tgt reports the file's new size (it reads a
     * backing file's size only when the LUN is made; Cinder's tgt helper does the same in {@code extend_target}).
     * Sessions logged in stay: an initiator sees the LUN's new capacity at its next READ CAPACITY (qemu's at its
     * block resize). Does nothing when the target is not exported.
     */
    synchronized void refreshLun(String iqn, Path file) throws IOException {
        OptionalInt tid = targetId(iqn);
        if (tid.isEmpty()) {
            return;
        }
        String t = Integer.toString(tid.getAsInt());
        tgtadm("delete lun of " + iqn, "--lld", "iscsi", "--op", "delete", "--mode", "logicalunit", "--tid", t,
                "--lun", "1");
        tgtadm("new lun of " + iqn, "--lld", "iscsi", "--op", "new", "--mode", "logicalunit", "--tid", t,
                "--lun", "1", "--backing-store", file.toString());
    }

    synchronized void unexport(String iqn, String chapUser) throws IOException {
        OptionalInt tid = targetId(iqn);
        if (tid.isPresent()) {
            tgtadm("delete target " + iqn, "--lld", "iscsi", "--op", "delete", "--mode", "target", "--tid",
                    Integer.toString(tid.getAsInt()), "--force");
        }
        try {
            tgtadm("delete account " + chapUser, "--lld", "iscsi", "--op", "delete", "--mode", "account", "--user",
                    chapUser);
        } catch (ChildProcess.CommandFailedException e) {
            // no such account: already gone
        }
    }

    /** Answers whether the daemon is reachable at all (a clear error at start instead of at the first attach). */
    void check() throws IOException {
        tgtadm("show targets", "--lld", "iscsi", "--op", "show", "--mode", "target");
    }

    private int nextFreeId() throws IOException {
        Matcher m = TARGET.matcher(tgtadm("show targets", "--lld", "iscsi", "--op", "show", "--mode", "target"));
        int max = 0;
        while (m.find()) {
            max = Math.max(max, Integer.parseInt(m.group(1)));
        }
        return max + 1;
    }

    private String tgtadm(String shownAs, String... args) throws IOException {
        String[] cmd = new String[args.length + 3];
        cmd[0] = "tgtadm";
        cmd[1] = "-C";
        cmd[2] = Integer.toString(controlPort);
        System.arraycopy(args, 0, cmd, 3, args.length);
        return ChildProcess.run("tgtadm -C " + controlPort + " (" + shownAs + ")", 2, cmd);
    }
}
