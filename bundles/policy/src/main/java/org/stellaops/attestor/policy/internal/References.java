package org.stellaops.attestor.policy.internal;

import java.util.List;

import org.stellaops.attestor.api.policy.ConfigProblem;
import org.stellaops.attestor.api.policy.PolicyEnvironment;

/** Checks of key, key-set, log and witness references against the environment, located in the configuration. */
final class References {

    private References() {
    }

    static void keys(List<String> refs, String member, ConfigReader config, PolicyEnvironment environment) {
        for (int i = 0; i < refs.size(); i++) {
            if (!environment.knowsKey(refs.get(i))) {
                config.problem(config.pointer(member, i), ConfigProblem.UNKNOWN_KEY, "no trusted key is known as '"
                        + refs.get(i) + "' (use a key name, a key id or sha256:<SPKI digest>)");
            }
        }
    }

    static void keySets(List<String> names, String member, ConfigReader config, PolicyEnvironment environment) {
        for (int i = 0; i < names.size(); i++) {
            if (environment.keySet(names.get(i)).isEmpty()) {
                config.problem(config.pointer(member, i), ConfigProblem.UNKNOWN_KEY_SET, "no key set is known as '"
                        + names.get(i) + "'; known: " + environment.keySets().keySet());
            }
        }
    }

    static void logs(List<String> refs, String member, ConfigReader config, PolicyEnvironment environment) {
        for (int i = 0; i < refs.size(); i++) {
            if (!environment.knowsLog(refs.get(i))) {
                config.problem(config.pointer(member, i), ConfigProblem.UNKNOWN_LOG, "no transparency log is known as '"
                        + refs.get(i) + "' (use its origin or log id)");
            }
        }
    }

    static void witnesses(List<String> names, String member, ConfigReader config, PolicyEnvironment environment) {
        for (int i = 0; i < names.size(); i++) {
            if (!environment.knowsWitness(names.get(i))) {
                config.problem(config.pointer(member, i), ConfigProblem.UNKNOWN_WITNESS, "no witness is known as '"
                        + names.get(i) + "'");
            }
        }
    }

    static void quorum(long min, int size, String what, ConfigReader config) {
        if (min > size) {
            config.problem(config.pointer("min"), ConfigProblem.UNSATISFIABLE, "min " + min + " can never be met: "
                    + what + " has only " + size);
        }
    }
}
