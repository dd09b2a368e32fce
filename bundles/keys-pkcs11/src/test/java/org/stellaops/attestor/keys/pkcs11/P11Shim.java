package org.stellaops.attestor.keys.pkcs11;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real PKCS#11 module in front of SoftHSM2 (src/test/c/p11shim.c), compiled by the test with gcc: its signing
 * calls block while {@link #hangFlag()} exists and return CKR_DEVICE_REMOVED while {@link #failFlag()} exists.
 */
final class P11Shim {

    private static final Path SOURCE = Path.of("src/test/c/p11shim.c");

    private final Path directory;

    private P11Shim(Path directory) {
        this.directory = directory;
    }

    /** Compiles the shim into {@code target/p11shim/}. */
    static P11Shim build() throws IOException, InterruptedException {
        Path directory = Path.of("target", "p11shim").toAbsolutePath();
        Files.createDirectories(directory);
        P11Shim shim = new P11Shim(directory);
        Files.deleteIfExists(shim.hangFlag());
        Files.deleteIfExists(shim.failFlag());
        List<String> command = List.of("gcc", "-shared", "-fPIC", "-O2", "-Wall", "-Werror",
                "-DREAL_LIBRARY=\"" + SoftHsm.LIBRARY + "\"",
                "-DHANG_FLAG=\"" + shim.hangFlag() + "\"",
                "-DFAIL_FLAG=\"" + shim.failFlag() + "\"",
                "-o", shim.library().toString(), SOURCE.toAbsolutePath().toString(), "-ldl");
        Process gcc = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!gcc.waitFor(120, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
            throw new IllegalStateException("gcc could not build the PKCS#11 test shim: " + output);
        }
        return shim;
    }

    Path library() {
        return directory.resolve("libattestor-p11shim.so");
    }

    Path hangFlag() {
        return directory.resolve("hang");
    }

    Path failFlag() {
        return directory.resolve("fail");
    }

    void hang(boolean on) throws IOException {
        flag(hangFlag(), on);
    }

    void fail(boolean on) throws IOException {
        flag(failFlag(), on);
    }

    private static void flag(Path flag, boolean on) throws IOException {
        if (on) {
            Files.writeString(flag, "on");
        } else {
            Files.deleteIfExists(flag);
        }
    }
}
