import java.nio.file.Files

def log = new File(basedir, 'build.log').text
def target = new File(basedir, 'target')

// Run 1 created the lock from the day-older spec; run 3 rewrote it for the current one.
assert (log =~ /Updated tools\.lock\.json \(report: target.history-diff\.md\)/).count == 1
assert (log =~ /Updated tools\.lock\.json \(report: target.update-diff\.md\)/).count == 1
assert new File(target, 'history-diff.md').text.contains('- compatible: tool added (`GET /v2/calendars/busy-times`)')

// Run 2 failed on the current spec, and only run 2 failed. Every line below was checked against
// the two spec files (see src/it/README.md): GET /v2/calendars/busy-times lost calendarsToLoad
// and requires credentialId and externalId instead, dateFrom/dateTo became optional; event types'
// lengthInMinutesOptions items went from number to string, and BaseBookingLimitsCount_2024_06_14
// gained an optional `disabled`; the private-link operations were renamed (same tools) and no
// longer declare the cal-api-version header they required (2024-09-04), so their tools stop
// sending it; two booking-attendee operations are new (exposed by default through "Bookings / *"); the
// "Deprecated: Platform" operations are new but not exposed; the out-of-office ones are gone.
assert (log =~ /BUILD FAILURE/).count == 1
// (-e repeats the message in the stack trace; count the [ERROR] line only.)
assert (log =~ /\[ERROR\] Failed to execute goal [^ ]+:check \(check\) on project lock-check-history: The tool surface differs from tools\.lock\.json:/).count == 1
assert log =~ /Tool surface changes: \d+ breaking, \d+ compatible/
[
    'BREAKING    list_all_calcom_busy_times: argument `calendarsToLoad` removed',
    'BREAKING    list_all_calcom_busy_times: argument `credentialId` added (required)',
    'BREAKING    list_all_calcom_busy_times: argument `externalId` added (required)',
    'compatible  list_all_calcom_busy_times: argument `dateFrom` is no longer required',
    'compatible  list_all_calcom_busy_times: argument `dateTo` is no longer required',
    'BREAKING    create_a_calcom_event_type: argument `lengthInMinutesOptions[]` type changed from number to string',
    'BREAKING    update_a_calcom_team_event_type_by_id: argument `lengthInMinutesOptions[]` type changed from number to string',
    'compatible  create_a_calcom_event_type: argument `bookingLimitsCount.anyOf[0].disabled` added (optional)',
    'compatible  list_all_calcom_event_type_private_links: operation changed from'
            + ' `EventTypesPrivateLinksController_2024_09_04_getPrivateLinks` to `EventTypesPrivateLinksController_getPrivateLinks`',
    'BREAKING    list_all_calcom_event_type_private_links: constant header `cal-api-version` removed'
            + ' (was `2024-09-04`; the API now treats the request as sent without it)',
    'compatible  get_single_calcom_booking_attendee_by_id: tool added (`GET /v2/bookings/{bookingUid}/attendees/{attendeeId}`)',
    'compatible  operation BookingAttendeesController_2024_08_13_getBookingAttendees: new in the spec,'
            + ' exposed by default as `list_all_calcom_booking_attendees`',
    'compatible  operation OAuthClientsController_getOAuthClients: new in the spec, not exposed:'
            + ' deprecated by Cal.com (platform endpoints scheduled for removal)',
    'compatible  operation EventTypesPrivateLinksController_2024_09_04_getPrivateLinks: removed from the spec;'
            + ' tool `list_all_calcom_event_type_private_links` now calls `EventTypesPrivateLinksController_getPrivateLinks`',
    'compatible  operation UserOOOController_getMyOOO: removed from the spec (was not exposed)',
].each { assert log.contains(it) : "the report lacks: ${it}" }
// Nothing that did not change is reported: the bookings tools' arguments are the same in both.
assert !log.contains('create_a_calcom_booking: argument')
// The lock records the day-older spec's sha-256, so the failure names both specs and both ways on.
def historySha = java.security.MessageDigest.getInstance('SHA-256')
        .digest(new File(new File(basedir, 'pom.xml').text.find(/<it\.currentSpec>([^<]+)</) { m, path -> path }.trim())
                .parentFile.toPath().resolve('history/openapi-2026-03-10.json').toFile().bytes)
        .encodeHex().toString()
assert log =~ /This build's spec \(sha-256 [0-9a-f]{64}\) is not the one tools\.lock\.json was made from \(sha-256 ${historySha}\)\. Two ways forward:/
assert log.contains('- accept the new spec: review the changes above, run the build again with -Dcalcom.lock.update=true (e.g. ./mvnw verify -Dcalcom.lock.update=true) and commit tools.lock.json;')
assert log.contains("- build the version this repository was tested with: pass that spec, -Dcalcom.openapi.spec=<a copy of the spec with sha-256 ${historySha}>")

// The Markdown report of the failed check is the pull-request body; the update reports the same.
def checkReport = new File(target, 'check-diff.md').text
assert checkReport.contains('- **BREAKING**: argument `calendarsToLoad` removed\n')
assert checkReport.contains('## Spec operation changes')
assert new File(target, 'update-diff.md').text == checkReport

// Runs 4 and 5: with the lock updated the build passes, says so, and two generations into fresh
// folders produce the same bytes.
assert (log =~ /Tool surface matches tools\.lock\.json\./).count == 2
['first', 'second'].each {
    assert new File(target, "${it}-diff.md").text == '## Tool surface changes\n\nNo changes to the tool surface.\n'
}
def tree = { File root ->
    def files = [:] as TreeMap
    root.eachFileRecurse(groovy.io.FileType.FILES) { f ->
        files[root.toPath().relativize(f.toPath()).toString()] = Files.readAllBytes(f.toPath()).encodeHex().toString()
    }
    files
}
def first = tree(new File(target, 'generated-sources/first'))
def second = tree(new File(target, 'generated-sources/second'))
assert first.size() > 50 : "expected the real tool classes, found ${first.keySet()}"
assert first.keySet() == second.keySet()
def different = first.keySet().findAll { first[it] != second[it] }
assert different.isEmpty() : "two generations from the same inputs differ in ${different}"
assert new File(target, 'classes/io/calcommcp/it/tools/CalcomToolCatalog.class').isFile()
// The check compares the surface each run generated with the lock; it never reads the spec or the rules.
assert (log =~ /Compared target.generated-sources.(check|first|second).tool-surface.tools\.lock\.json with tools\.lock\.json\./).count == 3 : log
return true
