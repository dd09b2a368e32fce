package org.stellaops.attestor.cas.fs;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the file-system content store (PID {@value FsContentStore#PID}).
 */
@ObjectClassDefinition(name = "Attestor content store (file system)",
        description = "Content-addressed archive of envelope bytes on a local file system.")
public @interface CasFsConfig {

    /**
     * @return the root directory; empty means {@code <attestor.data.dir>/cas}
     */
    @AttributeDefinition(name = "Directory",
            description = "Root directory of the archive. Empty means <attestor.data.dir>/cas.")
    String directory() default "";

    /**
     * @return whether to delete temporary files left by a crash when the store starts
     */
    @AttributeDefinition(name = "Sweep temporary files on start",
            description = "Delete temporary files left behind by an interrupted write when the store starts.")
    boolean sweepOnStart() default true;

    /**
     * @return the size in MiB at which a pack file is sealed and the next begun; 0 stores every object in a file of
     *         its own instead
     */
    @AttributeDefinition(name = "Pack size (MiB)",
            description = "New objects are appended to pack files of this size, sharing fsyncs; 0 writes one file "
                    + "per object (the layout of earlier versions, which is always read).")
    int packSizeMb() default FsContentStore.DEFAULT_PACK_MB;
}
