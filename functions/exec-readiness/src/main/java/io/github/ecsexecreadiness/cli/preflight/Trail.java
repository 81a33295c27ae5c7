package io.github.ecsexecreadiness.cli.preflight;

import java.util.List;

/**
 * A CloudTrail trail that covers the target Region, with what it logs.
 *
 * @param logging             GetTrailStatus's IsLogging, null when unread
 * @param eventSelectors      the basic event selectors (empty when the trail uses advanced ones)
 * @param advancedSelectors   the advanced event selectors
 * @param unreadable          why the status or selectors could not be read, or null
 */
public record Trail(String arn, String homeRegion, boolean multiRegion, boolean organization, Boolean logging,
                    List<EventSelector> eventSelectors, List<AdvancedSelector> advancedSelectors, String unreadable) {
    public Trail {
        eventSelectors = List.copyOf(eventSelectors);
        advancedSelectors = List.copyOf(advancedSelectors);
    }

    /** A basic selector: management events are included unless false; ReadWriteType defaults to All. */
    public record EventSelector(Boolean includeManagementEvents, String readWriteType) {}

    /** An advanced selector: its field selectors (Field with Equals / NotEquals; the prefix forms are not used here). */
    public record AdvancedSelector(List<FieldSelector> fieldSelectors) {
        public AdvancedSelector {
            fieldSelectors = List.copyOf(fieldSelectors);
        }
    }

    public record FieldSelector(String field, List<String> equalTo, List<String> notEqualTo) {
        public FieldSelector {
            equalTo = List.copyOf(equalTo);
            notEqualTo = List.copyOf(notEqualTo);
        }
    }

    /**
     * Whether the trail logs ECS's write management events (CreateService, UpdateService): a basic selector with
     * management events and ReadWriteType All or WriteOnly, or an advanced selector on eventCategory Management
     * that does not keep read-only events alone and does not leave out ecs.amazonaws.com. With no selector at
     * all a trail logs every management event (CloudTrail's default).
     */
    public boolean logsEcsWriteManagementEvents() {
        if (eventSelectors.isEmpty() && advancedSelectors.isEmpty()) {
            return true;
        }
        for (EventSelector selector : eventSelectors) {
            String readWrite = selector.readWriteType() == null ? "All" : selector.readWriteType();
            if (!Boolean.FALSE.equals(selector.includeManagementEvents())
                    && (readWrite.equals("All") || readWrite.equals("WriteOnly"))) {
                return true;
            }
        }
        return advancedSelectors.stream().anyMatch(Trail::selectsEcsWrites);
    }

    private static boolean selectsEcsWrites(AdvancedSelector selector) {
        boolean management = false;
        for (FieldSelector field : selector.fieldSelectors()) {
            switch (field.field()) {
                case "eventCategory" -> management = field.equalTo().contains("Management");
                case "readOnly" -> {
                    if (field.equalTo().equals(List.of("true")) || field.notEqualTo().contains("false")) {
                        return false;
                    }
                }
                case "eventSource" -> {
                    if (!field.equalTo().isEmpty() && !field.equalTo().contains("ecs.amazonaws.com")
                            || field.notEqualTo().contains("ecs.amazonaws.com")) {
                        return false;
                    }
                }
                default -> { }
            }
        }
        return management;
    }
}
