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
}
