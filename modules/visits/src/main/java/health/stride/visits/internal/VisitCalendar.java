package health.stride.visits.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Method;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

import health.stride.visits.Visit;

/**
 * iCalendar (RFC 5545) for visits, written with ical4j: the invitation a patient's email carries
 * and a clinician's feed. Times are UTC; an event's UID is the visit's, so a calendar that has the
 * visit replaces it when the visit moves (a higher SEQUENCE) or is cancelled. Events carry only the
 * words they are given, never a name or anything about the patient's care.
 */
final class VisitCalendar {

	static final String PRODUCT = "-//Stride//Visits//EN";

	private VisitCalendar() {}

	/** The words of an event, already in the reader's language. */
	record Words(String summary, String description, URI link) {}

	static String uid(Visit visit) {
		return "visit-" + visit.id().id() + "@stride";
	}

	/** An invitation (METHOD:REQUEST) or its cancellation (METHOD:CANCEL) for one visit. */
	static String invitation(Visit visit, boolean cancel, int sequence, Words words, String organizer,
			String attendee, Instant now) {

		var calendar = calendar(cancel ? ImmutableMethod.CANCEL : ImmutableMethod.REQUEST);
		var event = event(visit, words, now);
		event.add(new Sequence(sequence));
		event.add(cancel ? ImmutableStatus.VEVENT_CANCELLED : ImmutableStatus.VEVENT_CONFIRMED);
		event.add(new Organizer(URI.create("mailto:" + organizer)));
		event.add(new Attendee(URI.create("mailto:" + attendee)));
		calendar.add(event);
		return write(calendar);
	}

	/** A clinician's feed of visits (METHOD:PUBLISH), as calendar apps subscribe to it. */
	static String feed(List<Visit> visits, Words words, String name, Instant now) {
		var calendar = calendar(ImmutableMethod.PUBLISH);
		calendar.add(new XProperty("X-WR-CALNAME", name));
		for (var visit : visits) {
			var event = event(visit, words, now);
			event.add(new Sequence(visit.rescheduled()));
			event.add(ImmutableStatus.VEVENT_CONFIRMED);
			calendar.add(event);
		}
		return write(calendar);
	}

	private static Calendar calendar(@Nullable Method method) {
		var calendar = new Calendar();
		calendar.add(new ProdId(PRODUCT));
		calendar.add(ImmutableVersion.VERSION_2_0);
		calendar.add(ImmutableCalScale.GREGORIAN);
		if (method != null) {
			calendar.add(method);
		}
		return calendar;
	}

	private static VEvent event(Visit visit, Words words, Instant now) {
		var event = new VEvent(visit.startsAt(), visit.endsAt(), words.summary());
		event.replace(new DtStamp(now));
		event.add(new Uid(uid(visit)));
		event.add(new Description(words.description()));
		event.add(new Url(words.link()));
		return event;
	}

	private static String write(Calendar calendar) {
		var text = new StringWriter();
		try {
			new CalendarOutputter(false).output(calendar, text);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return text.toString();
	}
}
