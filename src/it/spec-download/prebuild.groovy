// Starts a local HTTP server (the JDK's) in place of the place the spec is published; no test
// reaches the internet. It serves the project's notes.yaml at /openapi.yaml, and at
// /changed/openapi.yaml the same spec with one operation more. verify.groovy stops it.
import com.sun.net.httpserver.HttpServer
import java.util.concurrent.Executors

def spec = new File(basedir, 'src/main/openapi/notes.yaml').bytes
def changed = (new String(spec, 'UTF-8') + '''  /notes/{noteId}:
    delete:
      operationId: deleteNote
      summary: Delete a note
      tags: [Notes]
      parameters:
        - {name: noteId, in: path, required: true, schema: {type: string}}
''').getBytes('UTF-8')

def server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0)
def serve = { byte[] body -> { exchange ->
    exchange.sendResponseHeaders(200, body.length)
    exchange.responseBody.withStream { it.write(body) }
    exchange.close()
} as com.sun.net.httpserver.HttpHandler }
server.createContext('/openapi.yaml', serve(spec))
server.createContext('/changed/openapi.yaml', serve(changed))
server.executor = Executors.newSingleThreadExecutor { r -> def t = new Thread(r, 'spec-download-it'); t.daemon = true; t }
server.start()
System.properties.put('spec-download-it.server', server)

def base = "http://127.0.0.1:${server.address.port}"
// Nothing listens on port 9 of the loopback address: a download there fails at once.
def nowhere = 'http://127.0.0.1:9/openapi.yaml'
def write = { String name, Map values ->
    def props = new Properties()
    values.each { k, v -> props.setProperty(k, v.toString()) }
    new File(basedir, name).withWriter('UTF-8') { props.store(it, null) }
}
def target = new File(basedir, 'target')
write('download.properties', ['it.url': "${base}/openapi.yaml", 'it.cache': new File(target, 'cache'), 'calcom.lock.update': 'true'])
write('offline.properties', ['it.url': nowhere, 'it.cache': new File(target, 'cache')])
write('nowhere.properties', ['it.url': nowhere, 'it.cache': new File(target, 'empty-cache')])
write('changed.properties', ['it.url': "${base}/changed/openapi.yaml", 'it.cache': new File(target, 'other-cache')])
return true
