package io.calcommcp.server.oauth;

import io.calcommcp.server.oauth.client.OAuthClient;
import io.calcommcp.toolapi.VendorProfile;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.util.StringUtil;

/**
 * The consent page and the authorization endpoint's error page: server-rendered HTML with inline
 * CSS and no script. Every value a client or person supplied is escaped; every input has a label;
 * the access choice is a fieldset with a legend; an error is linked to its field with {@code
 * aria-describedby} and announced by an alert region. The Content-Security-Policy allows nothing
 * but this page's own stylesheet (by its hash) and the form's own targets, and no frame.
 */
final class ConsentPage {

    /** The field that carries the person's API key. */
    static final String API_KEY = "api_key";

    /** The field that carries the access choice. */
    static final String ACCESS = "access";

    /** The field that carries the chosen tags (optional, repeated). */
    static final String TAGS = "tags";

    /** The field that carries the CSRF token. */
    static final String CSRF = "csrf_token";

    /** The field whose value says whether the person allowed or denied. */
    static final String DECISION = "decision";

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f5f6f8;\
            color:#1b1d21;line-height:1.5}
            main{max-width:34rem;margin:2rem auto;padding:1.5rem 2rem;background:#fff;border-radius:.75rem;\
            box-shadow:0 1px 3px rgba(0,0,0,.15)}
            h1{font-size:1.4rem;margin:.2rem 0 1rem}
            .field,fieldset{margin:1.2rem 0}
            fieldset{border:1px solid #c9ccd3;border-radius:.5rem;padding:.6rem 1rem}
            legend{font-weight:600;padding:0 .3rem}
            label{font-weight:600}
            .choice label,.tags label{font-weight:400}
            input[type=password]{box-sizing:border-box;width:100%;font-size:1rem;padding:.55rem;\
            border:1px solid #8a8f99;border-radius:.4rem;margin-top:.3rem}
            input:focus,button:focus{outline:3px solid #2563eb;outline-offset:2px}
            .help{color:#4a4f59;font-size:.92rem;margin:.3rem 0 0}
            .error{color:#b00020;font-weight:600;margin:.3rem 0 0}
            .alert{border:2px solid #b00020;border-radius:.5rem;padding:.6rem 1rem;background:#fff4f5}
            .tags{display:flex;flex-wrap:wrap;gap:.3rem 1.2rem}
            .actions{display:flex;gap:.8rem;margin-top:1.5rem}
            button{font-size:1rem;padding:.6rem 1.3rem;border-radius:.4rem;border:1px solid #1d4ed8;\
            background:#1d4ed8;color:#fff;cursor:pointer}
            button.secondary{background:#fff;color:#1b1d21;border-color:#8a8f99}
            code{overflow-wrap:anywhere}
            """;

    private static final String STYLE_HASH = "'sha256-" + sha256(CSS) + "'";

    private final VendorProfile vendor;

    ConsentPage(VendorProfile vendor) {
        this.vendor = vendor;
    }

    /**
     * What the consent form shows, and what the person chose and got wrong when it comes back.
     *
     * @param authorization the request being answered
     * @param csrfToken the form's token
     * @param tags the tags a person may narrow the tools to, sorted
     * @param access the access chosen so far
     * @param chosenTags the tags chosen so far
     * @param fieldErrors what is wrong, by field name
     * @param formError what went wrong that is no one field's
     */
    record View(
            ValidAuthorization authorization,
            String csrfToken,
            List<String> tags,
            AccessChoice access,
            Set<String> chosenTags,
            Map<String, String> fieldErrors,
            Optional<String> formError) {

        View {
            Objects.requireNonNull(authorization, "authorization");
            Objects.requireNonNull(csrfToken, "csrfToken");
            tags = List.copyOf(tags);
            Objects.requireNonNull(access, "access");
            chosenTags = Set.copyOf(chosenTags);
            fieldErrors = Map.copyOf(fieldErrors);
            Objects.requireNonNull(formError, "formError");
        }

        boolean hasErrors() {
            return !fieldErrors.isEmpty() || formError.isPresent();
        }
    }

    /** The consent page's HTML. */
    String render(View view) {
        OAuthClient client = view.authorization().client();
        String clientName = clientName(client);
        String api = vendor.displayName();
        StringBuilder html = new StringBuilder(8192);
        head(html, "Connect " + clientName + " to your " + api + " account");
        html.append("<main>\n<h1>Connect ")
                .append(e(clientName))
                .append(" to your ")
                .append(e(api))
                .append(" account</h1>\n");
        html.append("<p>")
                .append(e(clientName))
                .append(" asks to use ")
                .append(e(vendor.serverName()))
                .append(" with your own ")
                .append(e(api))
                .append(" API key.");
        if (client.kind() == OAuthClient.Kind.METADATA_DOCUMENT) {
            html.append(" It is identified by <code>")
                    .append(e(client.clientId()))
                    .append("</code>.");
        } else if (client.name().isPresent()) {
            html.append(" (That name is the application's own claim.)");
        }
        html.append(" When you answer, you go back to <strong>")
                .append(e(destination(view.authorization().redirectUri())))
                .append("</strong>.</p>\n");
        if (view.formError().isPresent()) {
            html.append("<div class=\"alert\" role=\"alert\" id=\"form-error\"><p class=\"error\">")
                    .append(e(view.formError().get()))
                    .append("</p></div>\n");
        } else if (view.hasErrors()) {
            html.append("<div class=\"alert\" role=\"alert\" id=\"form-error\"><p class=\"error\">")
                    .append("Please correct the marked field.</p></div>\n");
        }
        html.append("<form method=\"post\" action=\"")
                .append(OAuthPaths.AUTHORIZATION)
                .append("\">\n");
        for (Map.Entry<String, String> param :
                new java.util.TreeMap<>(view.authorization().parameters()).entrySet()) {
            hidden(html, param.getKey(), param.getValue());
        }
        hidden(html, CSRF, view.csrfToken());

        Optional<String> keyError = Optional.ofNullable(view.fieldErrors().get(API_KEY));
        html.append("<div class=\"field\">\n<label for=\"api_key\">Your ")
                .append(e(api))
                .append(" API key</label>\n");
        html.append("<input type=\"password\" id=\"api_key\" name=\"")
                .append(API_KEY)
                .append("\" required autocomplete=\"off\" spellcheck=\"false\" autocapitalize=\"off\"")
                .append(" aria-describedby=\"api_key-help")
                .append(keyError.isPresent() ? " api_key-error" : "")
                .append('"')
                .append(keyError.isPresent() ? " aria-invalid=\"true\" autofocus" : "")
                .append(">\n");
        html.append("<p class=\"help\" id=\"api_key-help\">")
                .append(e(vendor.credentialHelp()))
                .append(" It is checked with ")
                .append(e(api))
                .append(" once, then stored encrypted on this server;")
                .append(" ")
                .append(e(clientName))
                .append(" never sees it.</p>\n");
        keyError.ifPresent(message -> html.append("<p class=\"error\" id=\"api_key-error\">")
                .append(e(message))
                .append("</p>\n"));
        html.append("</div>\n");

        Optional<String> accessError = Optional.ofNullable(view.fieldErrors().get(ACCESS));
        html.append("<fieldset class=\"choice\"")
                .append(accessError.isPresent() ? " aria-describedby=\"access-error\"" : "")
                .append(">\n<legend>What may ")
                .append(e(clientName))
                .append(" do?</legend>\n");
        for (AccessChoice choice : AccessChoice.values()) {
            String id = "access-" + choice.value();
            html.append("<div><input type=\"radio\" id=\"")
                    .append(id)
                    .append("\" name=\"")
                    .append(ACCESS)
                    .append("\" value=\"")
                    .append(choice.value())
                    .append('"')
                    .append(choice == view.access() ? " checked" : "")
                    .append(" aria-describedby=\"")
                    .append(id)
                    .append("-help\"> <label for=\"")
                    .append(id)
                    .append("\">")
                    .append(e(choice.label()))
                    .append("</label>")
                    .append("<p class=\"help\" id=\"")
                    .append(id)
                    .append("-help\">")
                    .append(e(choice.help()))
                    .append("</p></div>\n");
        }
        accessError.ifPresent(message -> html.append("<p class=\"error\" id=\"access-error\">")
                .append(e(message))
                .append("</p>\n"));
        html.append("</fieldset>\n");

        if (!view.tags().isEmpty()) {
            Optional<String> tagsError = Optional.ofNullable(view.fieldErrors().get(TAGS));
            html.append("<fieldset aria-describedby=\"tags-help")
                    .append(tagsError.isPresent() ? " tags-error" : "")
                    .append("\">\n<legend>Only these kinds of data (optional)</legend>\n");
            html.append("<p class=\"help\" id=\"tags-help\">Leave all unticked to allow every kind.</p>\n");
            html.append("<div class=\"tags\">\n");
            for (String tag : view.tags()) {
                String id = "tag-" + tag.replaceAll("[^A-Za-z0-9_-]", "_");
                html.append("<div><input type=\"checkbox\" id=\"")
                        .append(e(id))
                        .append("\" name=\"")
                        .append(TAGS)
                        .append("\" value=\"")
                        .append(e(tag))
                        .append('"')
                        .append(view.chosenTags().contains(tag) ? " checked" : "")
                        .append("> <label for=\"")
                        .append(e(id))
                        .append("\">")
                        .append(e(tag))
                        .append("</label></div>\n");
            }
            html.append("</div>\n");
            tagsError.ifPresent(message -> html.append("<p class=\"error\" id=\"tags-error\">")
                    .append(e(message))
                    .append("</p>\n"));
            html.append("</fieldset>\n");
        }
        html.append("<div class=\"actions\">\n")
                .append("<button type=\"submit\" name=\"")
                .append(DECISION)
                .append("\" value=\"allow\">Allow</button>\n")
                .append("<button type=\"submit\" name=\"")
                .append(DECISION)
                .append("\" value=\"deny\" class=\"secondary\" formnovalidate>Deny</button>\n")
                .append("</div>\n</form>\n</main>\n</body>\n</html>\n");
        return html.toString();
    }

    /** The consent page's Content-Security-Policy: the form may post here and lead to the client. */
    String contentSecurityPolicy(URI redirectUri) {
        String origin = redirectUri.getScheme() + "://" + redirectUri.getRawAuthority();
        return "default-src 'none'; style-src " + STYLE_HASH + "; form-action 'self' "
                + (redirectUri.getRawAuthority() == null ? redirectUri.getScheme() + ":" : origin)
                + "; frame-ancestors 'none'; base-uri 'none'";
    }

    /** The error page's Content-Security-Policy: nothing but its stylesheet. */
    String errorContentSecurityPolicy() {
        return "default-src 'none'; style-src " + STYLE_HASH + "; form-action 'none'; frame-ancestors 'none';"
                + " base-uri 'none'";
    }

    /** An error page: what went wrong, in words, and the OAuth error code for the developer. */
    String error(String title, String message, String code) {
        StringBuilder html = new StringBuilder(2048);
        head(html, title);
        html.append("<main>\n<h1>")
                .append(e(title))
                .append("</h1>\n")
                .append("<div class=\"alert\" role=\"alert\"><p>")
                .append(e(message))
                .append("</p></div>\n")
                .append("<p class=\"help\">Go back to the application and connect again. Error code: <code>")
                .append(e(code))
                .append("</code></p>\n</main>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void head(StringBuilder html, String title) {
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"referrer\" content=\"no-referrer\">\n")
                .append("<title>")
                .append(e(title))
                .append("</title>\n")
                .append("<style>")
                .append(CSS)
                .append("</style>\n</head>\n<body>\n");
    }

    private static void hidden(StringBuilder html, String name, String value) {
        html.append("<input type=\"hidden\" name=\"")
                .append(e(name))
                .append("\" value=\"")
                .append(e(value))
                .append("\">\n");
    }

    /** The client's name for people: its own, or where it sends people back to. */
    static String clientName(OAuthClient client) {
        return client.name().orElse("An application that gives no name");
    }

    private static String destination(URI redirect) {
        return redirect.getHost() != null
                ? redirect.getHost()
                : redirect.getScheme() + ": (an application on this device)";
    }

    private static String e(String text) {
        return StringUtil.sanitizeXmlString(text);
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
