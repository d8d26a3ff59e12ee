// Writes the per-run properties that invoker.properties names. The day-older spec sits in
// history/ next to the current one (../shared/calcom-openapi); both are Cal.com's files and are
// read in place, never copied.
// The invoker filled @calcomReferenceSpec@ (the reference copy, whatever spec the build uses) into the POM's it.currentSpec (a regex: groovy-xml is not on
// the script class path).
def match = new File(basedir, 'pom.xml').text =~ /<it\.currentSpec>([^<]+)<\/it\.currentSpec>/
assert match.find() : 'pom.xml lacks <it.currentSpec>'
def current = new File(match.group(1).trim())
def history = new File(current.parentFile, 'history/openapi-2026-03-10.json')
assert current.isFile() : "the current Cal.com spec is missing: ${current}"
assert history.isFile() : "the day-older Cal.com spec is missing: ${history} (expected in history/ next to ${current})"

def write = { String name, File spec, String run, boolean update ->
    def props = new Properties()
    props.setProperty('it.spec', spec.absolutePath)
    props.setProperty('it.run', run)
    if (update) {
        props.setProperty('calcom.lock.update', 'true')
    }
    new File(basedir, name).withWriter('UTF-8') { props.store(it, null) }
}
write('history.properties', history, 'history', true)
write('check.properties', current, 'check', false)
write('update.properties', current, 'update', true)
write('first.properties', current, 'first', false)
write('second.properties', current, 'second', false)
return true
