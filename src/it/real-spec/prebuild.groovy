// This scenario needs Cal.com's real spec, which the repository never holds: by default the
// reference copy beside the checkout (../shared/calcom-openapi/openapi.json), or whatever
// -Dcalcom.openapi.spec gave the plugin's build. Say exactly what is missing instead of failing
// somewhere inside the build.
def match = new File(basedir, 'pom.xml').text =~ /<it\.spec>([^<]+)<\/it\.spec>/
assert match.find() : 'pom.xml lacks <it.spec>'
def spec = match.group(1).trim()
if (!spec.startsWith('http://') && !spec.startsWith('https://')) {
    assert new File(spec).isFile() : "The real-spec scenario needs Cal.com's spec at ${spec} (the reference copy" +
            " ../shared/calcom-openapi/openapi.json beside the checkout), or -Dcalcom.openapi.spec=<path or URL>"
}
return true
