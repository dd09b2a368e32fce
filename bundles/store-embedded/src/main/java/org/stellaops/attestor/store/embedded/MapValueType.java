package org.stellaops.attestor.store.embedded;

import java.nio.ByteBuffer;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The value type of every map of the store file: MVStore's own {@link ObjectDataType}, byte for byte the same format,
 * except that a byte array longer than 15 bytes is read with one copy. {@code ObjectDataType} writes such an array
 * in one call but reads it back one byte at a time through a type switch, and every lookup in the records map reads
 * a whole leaf of record documents (several KiB each): under submission load that decoding was 7 % of the service's
 * CPU (a JFR profile, docs/benchmarks.md). Files written with plain {@code ObjectDataType} read unchanged, and files
 * written with this type read with plain {@code ObjectDataType}.
 */
final class MapValueType extends ObjectDataType {

    /** The tag {@code ObjectDataType} writes before an array longer than its short forms. */
    private static final byte ARRAY_TAG;
    /** The class number {@code ObjectDataType} writes after {@link #ARRAY_TAG} for {@code byte[]}. */
    private static final byte BYTE_ARRAY_CLASS;

    static {
        // learnt from the type itself rather than copied from its source, so a format change cannot go unnoticed:
        // the two bytes before the length of a 16-byte array
        WriteBuffer probe = new WriteBuffer(64);
        new ObjectDataType().write(probe, new byte[16]);
        ByteBuffer written = probe.getBuffer().flip();
        ARRAY_TAG = written.get(0);
        BYTE_ARRAY_CLASS = written.get(1);
        if (written.get(2) != 16 || written.remaining() != 3 + 16) {
            throw new IllegalStateException("MVStore writes byte arrays in an unknown format");
        }
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
        return super.read(buff);
    }
}
