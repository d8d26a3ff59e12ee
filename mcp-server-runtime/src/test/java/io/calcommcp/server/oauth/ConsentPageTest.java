package io.calcommcp.server.oauth;

import static io.calcommcp.server.oauth.AuthorizationCodeTest.assertErrorPage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.calcommcp.server.oauth.testing.FakeApi;
import io.calcommcp.server.oauth.testing.OAuthServer;
import io.calcommcp.server.oauth.testing.TestClient;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The consent page in a browser without a screen (HtmlUnit, no script): a person can fill it by
 * its labels, a refused key comes back with the reason tied to the field, the client's name is
 * escaped, and a form that is stale, forged or from another browser stores nothing.
 */
class ConsentPageTest {

    @TempDir
    Path dataDir;

    OAuthServer server;
    TestClient client;
    String clientId;
    WebClient browser;

    @BeforeEach
    void start() throws Exception {
        server = new OAuthServer(dataDir);
        client = new TestClient(server);
        clientId = client.register(TestClient.REDIRECT);
        browser = new WebClient();
        browser.getOptions().setJavaScriptEnabled(false);
        browser.getOptions().setCssEnabled(false);
        browser.getOptions().setRedirectEnabled(false);
        browser.getOptions().setThrowExceptionOnFailingStatusCode(false);
        browser.getOptions().setPrintContentOnFailingStatusCode(false);
    }

    @AfterEach
    void stop() {
        browser.close();
        server.close();
    }

    private HtmlPage open(TestClient.Pkce pkce) throws Exception {
        return browser.getPage(server.url("/oauth/authorize?"
                        + TestClient.encode(multi(client.authorizationRequest(clientId, TestClient.REDIRECT, pkce))))
                .toURL());
    }

    @Test
    void aPersonFillsTheFormByItsLabels_andTheClientGetsACode() throws Exception {
        TestClient.Pkce pkce = TestClient.Pkce.random();
        HtmlPage page = open(pkce);
        assertEquals(200, page.getWebResponse().getStatusCode());
        assertEquals("Connect Test Client to your Fake API account", page.getTitleText());

        HtmlForm form = page.getForms().get(0);
        labelled(page, "Your Fake API API key").setValue(FakeApi.GOOD_KEY);
        labelled(page, "Read and write").setChecked(true);
        Page answer = form.getButtonByName("decision").click();

        assertEquals(303, answer.getWebResponse().getStatusCode());
        URI location = URI.create(answer.getWebResponse().getResponseHeaderValue("Location"));
        assertEquals(
                TestClient.REDIRECT, location.getScheme() + "://" + location.getRawAuthority() + location.getPath());
        String code = location.getRawQuery().replaceAll(".*\\bcode=([^&]+).*", "$1");
        TestClient.Tokens tokens =
                TestClient.tokens(client.exchange(clientId, code, pkce.verifier(), TestClient.REDIRECT));
        assertEquals(
                "[\"list_things\",\"get_thing\",\"create_thing\",\"delete_thing\",\"list_widgets\"]",
                TestClient.json(client.callMcp("/mcp", tokens.accessToken()))
                        .get("tools")
                        .toString());
    }

    @Test
    void everyInputHasALabel_andTheAccessChoiceIsAFieldsetWithALegend() throws Exception {
        HtmlPage page = open(TestClient.Pkce.random());
        List<HtmlInput> inputs = page.getByXPath("//input[not(@type='hidden')]");
        assertEquals(5, inputs.size(), "key, two access choices, two tags");
        for (HtmlInput input : inputs) {
            List<DomElement> labels = page.getByXPath("//label[@for='" + input.getId() + "']");
            assertEquals(1, labels.size(), "a label for " + input.getId());
            assertFalse(labels.get(0).getVisibleText().isBlank());
        }
        List<DomElement> legends = page.getByXPath("//fieldset[.//input[@name='access']]/legend");
        assertEquals("What may Test Client do?", legends.get(0).getVisibleText());
        assertEquals("api_key-help", page.getHtmlElementById("api_key").getAttribute("aria-describedby"));
        assertEquals("no-referrer", page.getWebResponse().getResponseHeaderValue("Referrer-Policy"));
        assertEquals("DENY", page.getWebResponse().getResponseHeaderValue("X-Frame-Options"));
        String csp = page.getWebResponse().getResponseHeaderValue("Content-Security-Policy");
        assertTrue(csp.contains("frame-ancestors 'none'") && csp.contains("default-src 'none'"), csp);
        assertTrue(page.getByXPath("//script").isEmpty(), "no script");
    }

    @Test
    void aRefusedKeyShowsThePageAgainWithTheReasonTiedToTheField_andStoresNothing() throws Exception {
        HtmlPage page = open(TestClient.Pkce.random());
        labelled(page, "Your Fake API API key").setValue("fake_live_revoked_key");
        HtmlPage again = page.getForms().get(0).getButtonByName("decision").click();

        assertEquals(400, again.getWebResponse().getStatusCode());
        DomElement key = again.getHtmlElementById("api_key");
        assertEquals("api_key-help api_key-error", key.getAttribute("aria-describedby"));
        assertEquals("true", key.getAttribute("aria-invalid"));
        assertEquals("", key.getAttribute("value"), "the key is not sent back");
        assertTrue(
                again.getHtmlElementById("api_key-error").getVisibleText().contains("The API refused this key"),
                again.asXml());
        assertFalse(again.getByXPath("//*[@role='alert']").isEmpty());
        assertEquals(List.of(), server.store.oauthGrants().list());
        assertEquals(List.of(), server.store.accounts().list());

        // The same page then takes the right key.
        labelled(again, "Your Fake API API key").setValue(FakeApi.GOOD_KEY);
        Page answer = again.getForms().get(0).getButtonByName("decision").click();
        assertEquals(303, answer.getWebResponse().getStatusCode());
    }

    @Test
    void anApiThatIsDownShowsThePageAgainSayingSo_andStoresNothing() throws Exception {
        HtmlPage page = open(TestClient.Pkce.random());
        labelled(page, "Your Fake API API key").setValue(FakeApi.KEY_WHILE_DOWN);
        HtmlPage again = page.getForms().get(0).getButtonByName("decision").click();
        assertEquals(503, again.getWebResponse().getStatusCode());
        assertTrue(again.getHtmlElementById("form-error").getVisibleText().contains("try again"));
        assertEquals(List.of(), server.store.oauthGrants().list());
    }

    @Test
    void denyingGoesBackWithAccessDenied() throws Exception {
        HtmlPage page = open(TestClient.Pkce.random());
        List<HtmlButton> buttons = page.getByXPath("//button[@value='deny']");
        Page answer = buttons.get(0).click();
        assertEquals(303, answer.getWebResponse().getStatusCode());
        String location = answer.getWebResponse().getResponseHeaderValue("Location");
        assertTrue(
                location.startsWith(TestClient.REDIRECT + "?") && location.contains("error=access_denied"), location);
        assertEquals(List.of(), server.store.oauthGrants().list());
    }

    @Test
    void theClientsNameIsEscaped() throws Exception {
        HttpResponse<String> registered = client.postJson(
                "/oauth/register",
                "{\"client_name\":\"<script>alert(1)</script> & co\",\"redirect_uris\":[\"" + TestClient.REDIRECT
                        + "\"]}");
        clientId = TestClient.json(registered).get("client_id").asText();
        HtmlPage page = open(TestClient.Pkce.random());
        assertTrue(page.getByXPath("//script").isEmpty());
        assertTrue(
                page.getWebResponse().getContentAsString().contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"));
        assertTrue(page.getTitleText().contains("<script>alert(1)</script> & co"), "shown as text");
    }

    @Test
    void aFormFromAnotherBrowserIsAnErrorPage_andStoresNothing() throws Exception {
        TestClient.ConsentPage page = client.consentPage(
                client.authorizationRequest(clientId, TestClient.REDIRECT, TestClient.Pkce.random()));
        TestClient stranger = new TestClient(server); // its own cookie jar: no consent cookie
        HttpResponse<String> answer = stranger.submit(page, FakeApi.GOOD_KEY, "read", List.of());
        assertErrorPage(answer, "invalid_request");
        assertTrue(answer.body().contains("Nothing was stored"), answer.body());
        assertEquals(List.of(), server.store.oauthGrants().list());
        assertEquals(List.of(), server.api.received(), "the key was not even checked");
    }

    @Test
    void aFormWhoseRequestWasChangedIsAnErrorPage() throws Exception {
        TestClient.ConsentPage page = client.consentPage(
                client.authorizationRequest(clientId, TestClient.REDIRECT, TestClient.Pkce.random()));
        Map<String, String> tampered = new LinkedHashMap<>(page.hidden());
        tampered.put("code_challenge", TestClient.Pkce.random().challenge());
        HttpResponse<String> answer = client.submit(
                new TestClient.ConsentPage(page.response(), tampered), FakeApi.GOOD_KEY, "read", List.of());
        assertErrorPage(answer, "invalid_request");
        assertEquals(List.of(), server.store.oauthGrants().list());
    }

    @Test
    void aFormLeftOpenTooLongIsAnErrorPage() throws Exception {
        TestClient.ConsentPage page = client.consentPage(
                client.authorizationRequest(clientId, TestClient.REDIRECT, TestClient.Pkce.random()));
        server.clock.advance(OAuthSettings.CONSENT_FORM_LIFETIME.plus(Duration.ofSeconds(1)));
        assertErrorPage(client.submit(page, FakeApi.GOOD_KEY, "read", List.of()), "invalid_request");
    }

    @Test
    void aChoiceThatMatchesNoToolIsShownAgain() throws Exception {
        TestClient.ConsentPage page = client.consentPage(
                client.authorizationRequest(clientId, TestClient.REDIRECT, TestClient.Pkce.random()));
        Map<String, List<String>> form = new LinkedHashMap<>();
        page.hidden().forEach((name, value) -> form.put(name, List.of(value)));
        form.put("api_key", List.of(FakeApi.GOOD_KEY));
        form.put("access", List.of("read"));
        form.put("tags", List.of("no-such-tag"));
        HttpResponse<String> answer = client.postForm("/oauth/authorize", form);
        assertEquals(400, answer.statusCode());
        assertTrue(answer.body().contains("id=\"tags-error\""), answer.body());
        assertEquals(List.of(), server.api.received(), "a form with errors does not check the key");
    }

    /** The element a label with exactly this text is for. */
    private static HtmlInput labelled(HtmlPage page, String text) {
        List<DomElement> labels = page.getByXPath("//label[normalize-space(.)='" + text + "']");
        assertEquals(1, labels.size(), "one label '" + text + "'");
        return page.getHtmlElementById(labels.get(0).getAttribute("for"));
    }

    private static Map<String, List<String>> multi(Map<String, String> single) {
        Map<String, List<String>> multi = new LinkedHashMap<>();
        single.forEach((name, value) -> multi.put(name, List.of(value)));
        return multi;
    }
}
