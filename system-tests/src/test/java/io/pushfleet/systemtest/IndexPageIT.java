package io.pushfleet.systemtest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The start page: it links the two pages and the control plane's probes, and every link answers. */
@ExtendWith({FleetExtension.class, BrowserExtension.class})
class IndexPageIT {

    @Test
    void linksThePagesAndEndpointsAndEveryLinkAnswers(Fleet fleet, Browser browser) throws Exception {
        browser.open(fleet.controlPlane());

        assertThat(browser.driver().getTitle()).isEqualTo("pushfleet");
        Set<URI> links = new LinkedHashSet<>();
        for (WebElement link : browser.driver().findElements(By.cssSelector("a[href]"))) {
            links.add(URI.create(link.getDomProperty("href")));
        }
        assertThat(links).extracting(URI::getPath)
                .contains("/chat.html", "/admin.html", "/health/live", "/health/ready", "/metrics");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (URI link : links) {
            assertThat(link.getAuthority()).as("%s stays on the control plane", link)
                    .isEqualTo(fleet.controlPlane().getAuthority());
            assertThat(status(http, link)).as("GET %s", link).isEqualTo(200);
        }
    }

    @Test
    void everyPageLoadsItsStylesheetAndScriptsAndBrowsersRevalidateThem(Fleet fleet, Browser browser) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (String page : new String[] {"/", "/chat.html", "/admin.html"}) {
            browser.open(fleet.controlPlane().resolve(page));
            Set<URI> assets = new LinkedHashSet<>();
            for (WebElement link : browser.driver().findElements(By.cssSelector("link[rel=stylesheet]"))) {
                assets.add(URI.create(link.getDomProperty("href")));
            }
            for (WebElement script : browser.driver().findElements(By.cssSelector("script[src]"))) {
                assets.add(URI.create(script.getDomProperty("src")));
            }
            assertThat(assets).as("assets of %s", page).isNotEmpty();
            for (URI asset : assets) {
                HttpResponse<Void> response = get(http, asset);
                assertThat(response.statusCode()).as("GET %s (from %s)", asset, page).isEqualTo(200);
                // Unversioned file names: browsers must revalidate, or an upgrade shows old scripts for a day.
                assertThat(response.headers().firstValue("Cache-Control")).as("Cache-Control of %s", asset)
                        .hasValueSatisfying(value -> assertThat(value).contains("max-age=0"));
            }
        }
        // chat.js imports api.js; a module graph that fails to load leaves an error in the console.
        assertThat(status(http, fleet.controlPlane().resolve("/js/api.js"))).isEqualTo(200);
    }

    private static int status(HttpClient http, URI uri) throws IOException, InterruptedException {
        return get(http, uri).statusCode();
    }

    private static HttpResponse<Void> get(HttpClient http, URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding());
    }
}
