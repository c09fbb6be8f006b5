package dev.madang.localstack;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.BadRequestException;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The SES stand-in through the real SDK v2 {@code SesV2Client}, with the local stack provisioned from template.yaml
 * (its sender identity), and its viewer over plain HTTP.
 */
class SesStandInTest {

    static LocalAws aws;
    static SesV2Client ses;
    static String sender;

    @BeforeAll
    static void start() {
        aws = LocalAws.start().provision(LocalAws.templatePath());
        ses = aws.ses();
        sender = aws.functionEnvironment("NotificationFunction").get("NOTIFICATION_SENDER");
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    static Consumer<SendEmailRequest.Builder> mail(String from, String to, String subject, String text) {
        return r -> r.fromEmailAddress(from).destination(d -> d.toAddresses(to))
                .content(c -> c.simple(m -> m.subject(s -> s.data(subject).charset("UTF-8"))
                        .body(b -> b.text(t -> t.data(text).charset("UTF-8")))));
    }

    @Test
    void the_templates_sender_sends_and_the_message_is_kept_and_shown() throws Exception {
        String id = ses.sendEmail(mail(sender, "fan@example.com", "예매가 확정되었습니다 <b>", "티켓 2매")).messageId();

        assertThat(aws.sesStandIn().messagesTo("FAN@example.com")).singleElement().satisfies(m -> {
            assertThat(m.messageId()).isEqualTo(id);
            assertThat(m.from()).isEqualTo(sender);
            assertThat(m.subject()).isEqualTo("예매가 확정되었습니다 <b>");
            assertThat(m.text()).isEqualTo("티켓 2매");
        });
        HttpClient http = HttpClient.newHttpClient();
        String list = http.send(HttpRequest.newBuilder(aws.sesStandIn().viewer()).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        // the subject is shown escaped: the viewer never runs what an e-mail carries
        assertThat(list).contains("fan@example.com").contains("예매가 확정되었습니다 &lt;b&gt;")
                .contains("/messages/" + id);
        HttpResponse<String> one = http.send(HttpRequest.newBuilder(URI.create(aws.sesEndpoint() + "/messages/" + id))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.body()).contains("티켓 2매").contains(sender);
    }

    @Test
    void an_unverified_sender_is_rejected_as_ses_rejects_it_and_nothing_is_kept() {
        int before = aws.sesStandIn().messages().size();
        assertThatThrownBy(() -> ses.sendEmail(mail("someone@elsewhere.example", "fan@example.com", "s", "t")))
                .isInstanceOf(MessageRejectedException.class).hasMessageContaining("not verified");
        assertThatThrownBy(() -> ses.sendEmail(r -> r.fromEmailAddress(sender).destination(d -> d.toAddresses("a@b.c"))
                .content(c -> c.simple(m -> m.body(b -> b.text(t -> t.data("no subject")))))))
                .isInstanceOf(BadRequestException.class);
        assertThat(aws.sesStandIn().messages()).hasSize(before);
    }

    @Test
    void a_verified_domain_lets_any_of_its_addresses_send() {
        ses.createEmailIdentity(r -> r.emailIdentity("tickets.example"));
        ses.sendEmail(mail("Madang <box-office@tickets.example>", "fan2@example.com", "hello", "text"));
        assertThat(aws.sesStandIn().messagesTo("fan2@example.com")).hasSize(1);
    }
}
