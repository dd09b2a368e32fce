package org.stellaops.attestor.keys.pkcs11;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.NativeLongByReference;
import com.sun.jna.ptr.PointerByReference;
import org.stellaops.attestor.api.keys.KeyDriverException;

/**
 * Reads the slot list and token labels straight from a PKCS#11 library, because SunPKCS11 selects a token only by
 * slot id or slot list index and does not expose labels. Uses four calls of the library's function list
 * ({@code C_Initialize}, {@code C_GetSlotList}, {@code C_GetTokenInfo}) through JNA; never {@code C_Finalize},
 * since SunPKCS11 shares the library's initialised state in this process.
 */
final class TokenSlots {

    /** One slot with a token present. */
    record Slot(int index, long id, String label, boolean initialized) {
    }

    private static final long CKR_OK = 0;
    private static final long CKR_CRYPTOKI_ALREADY_INITIALIZED = 0x191;
    private static final long CKR_BUFFER_TOO_SMALL = 0x150;
    private static final long CKF_OS_LOCKING_OK = 0x2;
    private static final long CKF_TOKEN_INITIALIZED = 0x400;
    private static final int LABEL_BYTES = 32;
    /** CK_TOKEN_INFO: label[32], manufacturerID[32], model[16], serialNumber[16], then CK_FLAGS. */
    private static final int FLAGS_OFFSET = 96;
    /** Larger than CK_TOKEN_INFO on every platform (about 208 bytes on LP64). */
    private static final int TOKEN_INFO_BYTES = 512;
    // positions in CK_FUNCTION_LIST after CK_VERSION (PKCS#11 2.40, section 5.16)
    private static final int C_INITIALIZE = 0;
    private static final int C_GET_SLOT_LIST = 4;
    private static final int C_GET_TOKEN_INFO = 6;

    private TokenSlots() {
    }

    /**
     * @param library the PKCS#11 library
     * @return every slot with a token present, in the library's order (the order of SunPKCS11's slotListIndex)
     * @throws KeyDriverException {@code key.driver_failure} if the library cannot be loaded or fails
     */
    static List<Slot> list(Path library) {
        Pointer functions = functionList(library);
        check(function(functions, C_INITIALIZE).invokeLong(new Object[] {initArgs()}), "C_Initialize", library,
                CKR_CRYPTOKI_ALREADY_INITIALIZED);
        Function getSlotList = function(functions, C_GET_SLOT_LIST);
        Function getTokenInfo = function(functions, C_GET_TOKEN_INFO);
        long[] ids = slotIds(getSlotList, library);
        List<Slot> slots = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            Memory info = new Memory(TOKEN_INFO_BYTES);
            info.clear();
            if (getTokenInfo.invokeLong(new Object[] {new NativeLong(ids[i]), info}) != CKR_OK) {
                // a token going away between the two calls (or deleted under a running library) has no label
                continue;
            }
            long flags = info.getNativeLong(FLAGS_OFFSET).longValue();
            slots.add(new Slot(i, ids[i], label(info.getByteArray(0, LABEL_BYTES)),
                    (flags & CKF_TOKEN_INITIALIZED) != 0));
        }
        return slots;
    }

    /**
     * @param library the PKCS#11 library
     * @param label the token label
     * @return the slot holding the one initialised token with that label
     * @throws KeyDriverException {@code key.driver_failure} if no token or several tokens have that label
     */
    static Slot find(Path library, String label) {
        List<Slot> slots = list(library);
        List<Slot> matches = slots.stream().filter(s -> s.initialized() && s.label().equals(label)).toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        List<String> labels = slots.stream().filter(Slot::initialized).map(s -> "'" + s.label() + "'").toList();
        throw new KeyDriverException(KeyDriverException.DRIVER_FAILURE, matches.isEmpty()
                ? "no token labelled '" + label + "' in " + library + " (tokens present: "
                        + (labels.isEmpty() ? "none" : String.join(", ", labels)) + ")"
                : matches.size() + " tokens are labelled '" + label + "' in " + library
                        + ": relabel one or select the token by slotListIndex");
    }

    private static long[] slotIds(Function getSlotList, Path library) {
        for (int attempt = 0; attempt < 3; attempt++) {
            NativeLongByReference count = new NativeLongByReference();
            check(getSlotList.invokeLong(new Object[] {(byte) 1, null, count}), "C_GetSlotList", library);
            int n = count.getValue().intValue();
            if (n == 0) {
                return new long[0];
            }
            Memory list = new Memory((long) n * NativeLong.SIZE);
            long rv = getSlotList.invokeLong(new Object[] {(byte) 1, list, count});
            if (rv == CKR_BUFFER_TOO_SMALL) {
                continue; // a token appeared between the two calls
            }
            check(rv, "C_GetSlotList", library);
            long[] ids = new long[count.getValue().intValue()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = list.getNativeLong((long) i * NativeLong.SIZE).longValue();
            }
            return ids;
        }
        throw new KeyDriverException(KeyDriverException.DRIVER_FAILURE,
                "the slot list of " + library + " kept changing while it was read");
    }

    private static Pointer functionList(Path library) {
        NativeLibrary lib;
        try {
            lib = NativeLibrary.getInstance(library.toString());
        } catch (UnsatisfiedLinkError e) {
            throw new KeyDriverException(KeyDriverException.DRIVER_FAILURE,
                    "cannot load the PKCS#11 library " + library + ": " + e.getMessage(), e);
        }
        Function getFunctionList;
        try {
            getFunctionList = lib.getFunction("C_GetFunctionList");
        } catch (UnsatisfiedLinkError e) {
            throw new KeyDriverException(KeyDriverException.DRIVER_FAILURE,
                    library + " is not a PKCS#11 library (no C_GetFunctionList)", e);
        }
        PointerByReference ref = new PointerByReference();
        check(getFunctionList.invokeLong(new Object[] {ref}), "C_GetFunctionList", library);
        return ref.getValue();
    }

    private static Function function(Pointer functionList, int position) {
        // CK_VERSION (2 bytes) is padded to pointer alignment, except on Windows where PKCS#11 structs are packed
        long first = Platform.isWindows() ? 2 : Native.POINTER_SIZE;
        return Function.getFunction(functionList.getPointer(first + (long) position * Native.POINTER_SIZE));
    }

    /**
     * CK_C_INITIALIZE_ARGS with CKF_OS_LOCKING_OK: without it a library may assume one thread only (SoftHSM then
     * turns its locks off), which would break SunPKCS11's concurrent use of the same initialised library.
     */
    private static Memory initArgs() {
        int pointer = Native.POINTER_SIZE;
        Memory args = new Memory(6L * pointer);
        args.clear();
        args.setNativeLong(4L * pointer, new NativeLong(CKF_OS_LOCKING_OK));
        return args;
    }

    private static String label(byte[] padded) {
        int end = padded.length;
        while (end > 0 && (padded[end - 1] == ' ' || padded[end - 1] == 0)) {
            end--;
        }
        return new String(padded, 0, end, StandardCharsets.UTF_8);
    }

    private static void check(long rv, String call, Path library, long... alsoFine) {
        if (rv == CKR_OK) {
            return;
        }
        for (long fine : alsoFine) {
            if (rv == fine) {
                return;
            }
        }
        throw new KeyDriverException(KeyDriverException.DRIVER_FAILURE,
                call + " of " + library + " failed: " + Pkcs11Errors.name(rv));
    }
}
