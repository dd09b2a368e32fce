package org.stellaops.attestor.store.embedded;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.BooleanSupplier;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The key and value type of every map of the store file: MVStore's own {@link ObjectDataType}, byte for byte the
 * same format, with faster paths for the two kinds of data the store is made of:
 * <ul>
 * <li>a byte array longer than 15 bytes is read with one copy. {@code ObjectDataType} writes such an array in one
 *     call but reads it back one byte at a time through a type switch: under submission load decoding record
 *     documents that way was 7 % of the service's CPU (a JFR profile, docs/benchmarks.md);</li>
 * <li>a string of ASCII characters only (every key the store makes: tenants, digests, hex times, sequences and the
 *     {@code \0} separators) is written and read with one bulk copy. {@code ObjectDataType} encodes a string one
 *     character at a time; in the commit thread, which serializes every index leaf a commit changed, that was
 *     about a tenth of the submit load's samples. Other strings take {@code ObjectDataType}'s own path.</li>
 * </ul>
 * And one format of its own, for whole pages: when front coding is on (schema 6, see {@link Migration}), a page's
 * keys or values that are all ASCII strings are written as {@link #FRONT_CODED_TAG}, then for each item the number of
 * leading bytes it shares with the item before it, the number of bytes that follow and those bytes (two var-ints
 * and a suffix), if that is smaller than writing them one by one. A page's keys are sorted, and index keys share
 * long prefixes (tenant, indexed value, the leading digits of the hex time): under the submit load front coding cut
 * the commit thread's disk writes per request by about a fifth, the fact index's keys by two fifths
 * (docs/benchmarks.md).
 *
 * <p>Pages written item by item read unchanged, with or without front coding, and plain {@code ObjectDataType} reads
 * them too: the tags and encodings are learnt from it when this class loads and checked there. Plain
 * {@code ObjectDataType} cannot read a front-coded page, so the {@code meta} map (where an older version finds the
 * layout version it then refuses) is never front-coded.
 */
final class MapDataType extends ObjectDataType {

    /** The tag {@code ObjectDataType} writes before an array longer than its short forms. */
    private static final byte ARRAY_TAG;
    /** The class number {@code ObjectDataType} writes after {@link #ARRAY_TAG} for {@code byte[]}. */
    private static final byte BYTE_ARRAY_CLASS;
    /** Strings this long or shorter have their length in the tag ({@link #SHORT_STRING_TAG} plus the length). */
    private static final int SHORT_STRING_MAX = 15;
    /** The tag of the empty string; a short string's tag is this plus its length. */
    private static final byte SHORT_STRING_TAG;
    /** The tag before the length of a longer string. */
    private static final byte STRING_TAG;

    /** The surrogates U+D83F, U+D93F, ... U+DF3F: the low byte of each is '?', which UTF-8 writes for a lone one. */
    private static final char[] SURROGATES_WITH_LOW_BYTE_QUESTION_MARK = {0xD83F, 0xD93F, 0xDA3F, 0xDB3F, 0xDC3F,
        0xDD3F, 0xDE3F, 0xDF3F};

    /**
     * The first byte of a front-coded array. {@code ObjectDataType}'s tags are 0-19, 32-49 and 64-119 (checked when
     * this class loads for every kind of item the store writes), so an array written item by item never starts
     * with it.
     */
    static final byte FRONT_CODED_TAG = 126;

    private static final byte[] EMPTY_BYTES = new byte[0];

    /** Whether pages may be written front-coded now; read at every page write. */
    private final BooleanSupplier frontCoding;

    static {
        // learnt from the type itself rather than copied from its source, so a format change cannot go unnoticed:
        // the two bytes before the length of a 16-byte array
        ByteBuffer written = probe(new byte[16]);
        ARRAY_TAG = written.get(0);
        BYTE_ARRAY_CLASS = written.get(1);
        if (written.get(2) != 16 || written.remaining() != 3 + 16) {
            throw new IllegalStateException("MVStore writes byte arrays in an unknown format");
        }
        SHORT_STRING_TAG = probe("").get(0);
        String longer = "t\0sha256:0123456789abcdef~";
        written = probe(longer);
        STRING_TAG = written.get(0);
        if (DataUtils.readVarInt(written.position(1)) != longer.length()
                || !new String(bytes(written), StandardCharsets.US_ASCII).equals(longer)) {
            throw new IllegalStateException("MVStore writes long strings in an unknown format");
        }
        for (String shorter : new String[] {"a", "t\0x", "0123456789abcde"}) {
            written = probe(shorter);
            if (written.get(0) != SHORT_STRING_TAG + shorter.length()
                    || !new String(bytes(written.position(1)), StandardCharsets.US_ASCII).equals(shorter)) {
                throw new IllegalStateException("MVStore writes short strings in an unknown format");
            }
        }
        for (Object item : new Object[] {"", longer, new byte[3], new byte[16], 0L, 7L, -1L, Long.MAX_VALUE, 3}) {
            if (probe(item).get(0) == FRONT_CODED_TAG) {
                throw new IllegalStateException("MVStore now writes " + item.getClass().getSimpleName()
                        + " with the tag of front-coded arrays");
            }
        }
    }

    /** A type that writes every page item by item, in {@code ObjectDataType}'s format, and reads both forms. */
    MapDataType() {
        this(() -> false);
    }

    /**
     * @param frontCoding whether a page may be written front-coded (asked at every page write: a file gets
     *        front-coded pages only once its layout says so, see {@link Migration})
     */
    MapDataType(BooleanSupplier frontCoding) {
        this.frontCoding = frontCoding;
    }

    private static ByteBuffer probe(Object value) {
        WriteBuffer probe = new WriteBuffer(64);
        new ObjectDataType().write(probe, value);
        return probe.getBuffer().flip();
    }

    private static byte[] bytes(ByteBuffer rest) {
        byte[] bytes = new byte[rest.remaining()];
        rest.get(bytes);
        return bytes;
    }

    /**
     * Writes a page's keys or values: front-coded when {@link #frontCoding} allows it, every item is an ASCII
     * string and that is smaller (the sorted keys of a page share long prefixes: tenant, indexed value, the hex
     * time's leading digits), else item by item as {@code ObjectDataType} does.
     */
    @Override
    public void write(WriteBuffer buff, Object storage, int len) {
        Object[] items = (Object[]) storage;
        byte[][] ascii = frontCoding.getAsBoolean() ? asciiArray(items, len) : null;
        if (ascii == null) {
            for (int i = 0; i < len; i++) {
                write(buff, items[i]);
            }
            return;
        }
        int[] shared = new int[len];
        int frontCoded = 1;
        int plain = 0;
        for (int i = 0; i < len; i++) {
            int length = ascii[i].length;
            shared[i] = i == 0 ? 0 : shared(ascii[i - 1], ascii[i]);
            frontCoded += varIntSize(shared[i]) + varIntSize(length - shared[i]) + length - shared[i];
            plain += 1 + (length <= SHORT_STRING_MAX ? 0 : varIntSize(length)) + length;
        }
        if (frontCoded >= plain) {
            for (int i = 0; i < len; i++) {
                writeAscii(buff, ascii[i]);
            }
            return;
        }
        buff.put(FRONT_CODED_TAG);
        for (int i = 0; i < len; i++) {
            int suffix = ascii[i].length - shared[i];
            buff.putVarInt(shared[i]).putVarInt(suffix).put(ascii[i], shared[i], suffix);
        }
    }

    /** @return the ASCII bytes of every item, or null unless there are two or more, all ASCII strings */
    private static byte[][] asciiArray(Object[] items, int len) {
        if (len < 2) {
            return null;
        }
        byte[][] ascii = new byte[len][];
        // one scratch array for the page: a per-thread one cost a ThreadLocal lookup per key (3 % of the samples)
        byte[] scratch = new byte[256];
        for (int i = 0; i < len; i++) {
            if (!(items[i] instanceof String string)) {
                return null;
            }
            if (scratch.length < string.length()) {
                scratch = new byte[Math.max(string.length(), 2 * scratch.length)];
            }
            if ((ascii[i] = asciiBytes(string, scratch)) == null) {
                return null;
            }
        }
        return ascii;
    }

    private static int shared(byte[] previous, byte[] current) {
        int mismatch = Arrays.mismatch(previous, current);
        return mismatch < 0 ? current.length : mismatch;
    }

    private static int varIntSize(int value) {
        return DataUtils.getVarIntLen(value);
    }

    /**
     * Reads a page's keys or values in either form, whatever {@link #frontCoding} says now.
     *
     * @throws IllegalStateException if a front-coded array is damaged (the store reports a storage failure)
     */
    @Override
    public void read(ByteBuffer buff, Object storage, int len) {
        Object[] items = (Object[]) storage;
        if (len == 0 || buff.get(buff.position()) != FRONT_CODED_TAG) {
            for (int i = 0; i < len; i++) {
                items[i] = read(buff);
            }
            return;
        }
        buff.get();
        byte[] key = EMPTY_BYTES;
        int length = 0;
        for (int i = 0; i < len; i++) {
            int shared = DataUtils.readVarInt(buff);
            int suffix = DataUtils.readVarInt(buff);
            if (shared < 0 || shared > length || suffix < 0 || suffix > buff.remaining()) {
                throw new IllegalStateException("a front-coded page is damaged: key " + i + " shares " + shared
                        + " bytes of " + length + " and adds " + suffix);
            }
            if (key.length < shared + suffix) {
                key = Arrays.copyOf(key, Math.max(shared + suffix, 2 * key.length));
            }
            buff.get(key, shared, suffix);
            length = shared + suffix;
            items[i] = new String(key, 0, length, StandardCharsets.US_ASCII);
        }
    }

    @Override
    public void write(WriteBuffer buff, Object obj) {
        if (obj instanceof String string) {
            byte[] ascii = asciiBytes(string, new byte[string.length()]);
            if (ascii != null) {
                writeAscii(buff, ascii);
                return;
            }
        }
        super.write(buff, obj);
    }

    /** Writes the bytes of an ASCII string exactly as {@code ObjectDataType} writes the string. */
    private static void writeAscii(WriteBuffer buff, byte[] ascii) {
        int length = ascii.length;
        if (length <= SHORT_STRING_MAX) {
            buff.put((byte) (SHORT_STRING_TAG + length));
        } else {
            buff.put(STRING_TAG).putVarInt(length);
        }
        buff.put(ascii);
    }

    /**
     * @param string a string
     * @param scratch at least as long as the string: receives its characters' low bytes
     * @return the string's characters as bytes if it is made of ASCII characters only, else null
     */
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): each character's low byte, no coding
    static byte[] asciiBytes(String string, byte[] scratch) {
        // The JDK encodes an ASCII string to UTF-8 with one vectorized check and one copy; a loop over the
        // characters was 2.5 times slower on 170-character index keys, and keys are serialized again every time a
        // commit rewrites their leaf (about a thousand strings per stored record). Any other character takes more
        // than one byte, except a lone surrogate, which the encoder replaces with one '?'. Each character's low byte
        // tells those apart (a surrogate's is its own, not '?'), copied into a scratch array and compared in one
        // vectorized step, except for the eight surrogates whose low byte is '?' itself: indexOf finds those, and
        // answers at once for a string without characters above U+00FF. This replaced a check that built a
        // second String from the bytes: half the allocation, 10-15 % less time in a micro-benchmark. (JFR had put a
        // third of the commit thread's samples on that String; most of it is the first read of cold key strings.)
        byte[] utf8 = string.getBytes(StandardCharsets.UTF_8);
        int length = string.length();
        if (utf8.length != length) {
            return null;
        }
        string.getBytes(0, length, scratch, 0);
        if (!Arrays.equals(utf8, 0, length, scratch, 0, length)) {
            return null;
        }
        for (char surrogate : SURROGATES_WITH_LOW_BYTE_QUESTION_MARK) {
            if (string.indexOf(surrogate) >= 0) {
                return null;
            }
        }
        return utf8;
    }

    @Override
    public Object read(ByteBuffer buff) {
        int at = buff.position();
        if (buff.remaining() > 2 && buff.get(at) == ARRAY_TAG && buff.get(at + 1) == BYTE_ARRAY_CLASS) {
            buff.position(at + 2);
            byte[] bytes = new byte[DataUtils.readVarInt(buff)];
            buff.get(bytes);
            return bytes;
        }
        String ascii = readAscii(buff);
        return ascii != null ? ascii : super.read(buff);
    }

    /**
     * @return the string at the buffer's position if it is one of ASCII characters only (the position then after
     *         it), else null with the position unchanged
     */
    private static String readAscii(ByteBuffer buff) {
        int at = buff.position();
        if (!buff.hasRemaining()) {
            return null;
        }
        byte tag = buff.get(at);
        int length;
        int start;
        if (tag >= SHORT_STRING_TAG && tag <= SHORT_STRING_TAG + SHORT_STRING_MAX) {
            length = tag - SHORT_STRING_TAG;
            start = at + 1;
        } else if (tag == STRING_TAG) {
            buff.position(at + 1);
            length = DataUtils.readVarInt(buff);
            start = buff.position();
            buff.position(at);
        } else {
            return null;
        }
        if (start + length > buff.limit()) {
            return null;
        }
        byte[] chars = new byte[length];
        buff.get(start, chars);
        // Each character below 0x80 is one byte; a byte of 0x80 or more starts a longer character, which the
        // ASCII decoder (one vectorized check and a copy) turns into U+FFFD: no ASCII string contains that.
        String ascii = new String(chars, StandardCharsets.US_ASCII);
        if (ascii.indexOf('\uFFFD') >= 0) {
            return null;
        }
        buff.position(start + length);
        return ascii;
    }
}
