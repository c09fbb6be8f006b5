package dev.madang.aws.notification;

import dev.madang.domain.notification.MailSender;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * E-mail through Amazon SES (API v2, {@code SendEmail} with a simple message): UTF-8 subject and text body, from the
 * template's verified sender identity ({@code NotificationSender}).
 */
public final class SesMailSender implements MailSender {

    private final SesV2Client ses;
    private final String from;

    public SesMailSender(SesV2Client ses, String from) {
        this.ses = ses;
        this.from = from;
    }

    @Override
    public void send(Mail mail) {
        ses.sendEmail(r -> r.fromEmailAddress(from)
                .destination(d -> d.toAddresses(mail.to()))
                .content(c -> c.simple(m -> m
                        .subject(s -> s.data(mail.subject()).charset("UTF-8"))
                        .body(b -> b.text(t -> t.data(mail.text()).charset("UTF-8"))))));
    }
}
