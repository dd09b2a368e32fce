package org.stellaops.attestor.config.files;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Where configuration files are read from and how often the directory is checked. */
@ObjectClassDefinition(id = ConfigFilesConfig.PID, name = "Attestor configuration files",
        description = "Applies <pid>.json and <factoryPid>~<name>.json files from a directory to ConfigAdmin.")
@interface ConfigFilesConfig {

    /** The configuration PID. */
    String PID = "org.stellaops.attestor.config.files";

    @AttributeDefinition(name = "Directory",
            description = "Empty = the framework property attestor.config.dir, else <attestor.data.dir>/conf")
    String directory() default "";

    @AttributeDefinition(name = "Poll interval (ms)",
            description = "How often the directory is checked for new, changed and deleted files; 0 = only at start")
    long pollMillis() default 2000;
}
