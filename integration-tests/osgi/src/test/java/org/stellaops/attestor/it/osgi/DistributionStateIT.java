package org.stellaops.attestor.it.osgi;

import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.ReferenceDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/** The distribution's bundles in a plain Felix: everything resolves and starts, every DS component is satisfied. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DistributionStateIT {

    private static final Duration SETTLE = Duration.ofSeconds(60);
    /** The core feature (features/core/core.bndrun) and what it needs from us. */
    private static final List<String> ATTESTOR_BUNDLES = List.of("plugin-api", "sdk", "core", "http", "store-embedded",
            "cas-fs", "keys-file", "tlog-embedded", "tlog-rekor", "tlog-witness", "config-files", "predicate-slsa",
            "console");

    @Inject
    private BundleContext context;

    @Inject
    private ServiceComponentRuntime scr;

    @Configuration
    public Option[] configuration() {
        return AttestorOptions.distribution("state");
    }

    @Test
    public void provisionsTheAttestorBundlesOfTheCoreFeature() {
        Set<String> installed = new TreeSet<>();
        for (Bundle bundle : context.getBundles()) {
            installed.add(bundle.getSymbolicName());
        }
        for (String name : ATTESTOR_BUNDLES) {
            assertTrue("org.stellaops.attestor." + name + " is not installed; installed: " + installed,
                    installed.contains("org.stellaops.attestor." + name));
        }
    }

    @Test
    public void startsEveryBundleAndResolvesEveryFragment() {
        List<String> failures = Await.settle("every bundle active (fragments resolved)", SETTLE,
                this::bundlesNotRunning, List::isEmpty);
        assertTrue("bundles not running:\n  " + String.join("\n  ", explain(failures)), failures.isEmpty());
    }

    @Test
    public void satisfiesEveryDeclarativeServicesComponent() {
        assertTrue("SCR reports no components at all", !scr.getComponentDescriptionDTOs().isEmpty());
        List<String> failures = Await.settle("every DS component ACTIVE or SATISFIED", SETTLE,
                this::componentsNotSatisfied, List::isEmpty);
        assertTrue("DS components that are not ACTIVE/SATISFIED:\n  " + String.join("\n  ", failures),
                failures.isEmpty());
    }

    private List<String> bundlesNotRunning() {
        List<String> failures = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            boolean fragment = bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null;
            int expected = fragment ? Bundle.RESOLVED : Bundle.ACTIVE;
            if (bundle.getState() != expected) {
                failures.add(bundle.getSymbolicName());
            }
        }
        return failures;
    }

    /** Names the state of each failed bundle; a start attempt reveals the missing requirement or activator error. */
    private List<String> explain(List<String> symbolicNames) {
        List<String> lines = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            if (!symbolicNames.contains(bundle.getSymbolicName())) {
                continue;
            }
            String reason;
            try {
                bundle.start(Bundle.START_TRANSIENT);
                reason = "started on a second attempt";
            } catch (BundleException | IllegalStateException e) {
                reason = e.getMessage();
            }
            lines.add(bundle.getSymbolicName() + " " + bundle.getVersion() + " is " + stateName(bundle.getState())
                    + ": " + reason);
        }
        return lines;
    }

    private List<String> componentsNotSatisfied() {
        List<String> failures = new ArrayList<>();
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            String name = description.bundle.symbolicName + " / " + description.name;
            if (!scr.isComponentEnabled(description)) {
                // declared disabled on purpose (the MongoDB stores, enabled by their starters once MongoDB answers);
                // any other disabled component is a fault
                if (description.defaultEnabled) {
                    failures.add(name + ": disabled");
                }
                continue;
            }
            Collection<ComponentConfigurationDTO> configurations = scr.getComponentConfigurationDTOs(description);
            // a factory component (one remote log per configuration) legitimately has none until configured
            if (configurations.isEmpty() && !"require".equals(description.configurationPolicy)) {
                failures.add(name + ": no component configuration");
            }
            for (ComponentConfigurationDTO configuration : configurations) {
                if (configuration.state != ComponentConfigurationDTO.ACTIVE
                        && configuration.state != ComponentConfigurationDTO.SATISFIED) {
                    failures.add(name + ": " + describe(description, configuration));
                }
            }
        }
        return failures;
    }

    private static String describe(ComponentDescriptionDTO description, ComponentConfigurationDTO configuration) {
        StringBuilder text = new StringBuilder(componentStateName(configuration.state));
        for (UnsatisfiedReferenceDTO reference : configuration.unsatisfiedReferences) {
            text.append(" [missing reference ").append(reference.name).append(" to ")
                    .append(interfaceOf(description, reference.name));
            if (reference.target != null) {
                text.append(" target ").append(reference.target);
            }
            text.append(']');
        }
        if (configuration.failure != null) {
            text.append(" failure: ").append(configuration.failure.lines().findFirst().orElse(""));
        }
        return text.toString();
    }

    private static String interfaceOf(ComponentDescriptionDTO description, String referenceName) {
        for (ReferenceDTO reference : description.references) {
            if (reference.name.equals(referenceName)) {
                return reference.interfaceName;
            }
        }
        return "?";
    }

    private static String componentStateName(int state) {
        switch (state) {
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION: return "UNSATISFIED_CONFIGURATION";
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE: return "UNSATISFIED_REFERENCE";
            case ComponentConfigurationDTO.SATISFIED: return "SATISFIED";
            case ComponentConfigurationDTO.ACTIVE: return "ACTIVE";
            case ComponentConfigurationDTO.FAILED_ACTIVATION: return "FAILED_ACTIVATION";
            default: return "state " + state;
        }
    }

    static String stateName(int state) {
        switch (state) {
            case Bundle.UNINSTALLED: return "UNINSTALLED";
            case Bundle.INSTALLED: return "INSTALLED";
            case Bundle.RESOLVED: return "RESOLVED";
            case Bundle.STARTING: return "STARTING";
            case Bundle.STOPPING: return "STOPPING";
            case Bundle.ACTIVE: return "ACTIVE";
            default: return "state " + state;
        }
    }
}
