// The real spec generated every tool class, the catalog and TOOLS.md, and they compiled.
def out = new File(basedir, 'target/generated-sources/mcp-tools')
def tools = new File(out, 'io/calcommcp/it/tools')
assert new File(tools, 'CreateACalcomBooking.java').isFile()
assert new File(basedir, 'target/classes/io/calcommcp/it/tools/CalcomToolCatalog.class').isFile()
assert new File(basedir, 'target/classes/io/calcommcp/it/tools/CalcomProfile.class').isFile()
// Schemas too large for one class-file constant are text blocks joined in the class, not resources.
assert new File(tools, 'CreateACalcomEventType.java').text.contains('static final String INPUT_SCHEMA = String.join(')
assert !new File(basedir, 'target/classes/io/calcommcp/it/tools').listFiles().any { it.name.endsWith('.json') }
assert new File(basedir, 'target/classes/META-INF/services/io.calcommcp.toolapi.ToolCatalog').text.trim() ==
        'io.calcommcp.it.tools.CalcomToolCatalog'
assert new File(basedir, 'target/classes/io/calcommcp/it/tools/ListAllCalcomSchedule.class').isFile()

def surface = new File(out, 'TOOLS.md').text
['list_all_calcom_bookings', 'get_single_calcom_booking_by_id', 'create_a_calcom_booking',
 'list_all_calcom_schedule', 'list_all_calcom_calendars', 'delete_a_calcom_team_by_id'].each {
    assert surface.contains("`${it}`") : "TOOLS.md lacks ${it}"
}

def log = new File(basedir, 'build.log').text
assert log =~ /Generated \d+ tools from \S+ \(\d+ operations/
assert !log.contains('[WARNING] COMPILATION WARNING')
// Generated code must not depend on where the checkout lives.
tools.eachFile { f -> assert !f.text.contains(basedir.absolutePath) : "${f.name} holds an absolute path" }
return true
