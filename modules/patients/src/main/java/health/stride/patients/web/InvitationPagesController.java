package health.stride.patients.web;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import health.stride.eligibility.SponsorManagement;
import health.stride.eligibility.SponsorSummary;
import health.stride.eligibility.UsStates;
import health.stride.patients.PatientInvitations;
import health.stride.patients.PatientInvitations.AlreadyInClinic;
import health.stride.patients.PatientInvitations.Invitation;
import health.stride.patients.PaymentMethod;
import health.stride.platform.identity.Accounts;
import health.stride.platform.security.CurrentUser;
import health.stride.platform.security.Role;
import health.stride.platform.tenancy.Clinic;
import health.stride.platform.tenancy.ClinicRegistry;
import health.stride.platform.tenancy.CurrentTenant;
import health.stride.platform.validation.FieldErrors;
import health.stride.platform.validation.InvalidInput;

/**
 * The invitation of the clinic's own patients: one at a time by a therapist or administrator, or a
 * file of them by an administrator (all or none).
 */
@Controller
class InvitationPagesController {

	private static final Pattern LINE_FIELD = Pattern.compile("lines\\[(\\d+)]\\.(\\w+)");

	private final PatientInvitations invitations;
	private final ClinicRegistry clinics;
	private final SponsorManagement sponsors;
	private final MessageSource messages;

	InvitationPagesController(PatientInvitations invitations, ClinicRegistry clinics, SponsorManagement sponsors,
			MessageSource messages) {
		this.invitations = invitations;
		this.clinics = clinics;
		this.sponsors = sponsors;
		this.messages = messages;
	}

	/** What the inviting person typed, as typed: the invitations check it. */
	record InvitationForm(@Nullable String firstName, @Nullable String lastName, @Nullable String dateOfBirth,
			@Nullable String email, @Nullable String state, @Nullable String phone, @Nullable String referralSource,
			@Nullable String payment, @Nullable String payerName, @Nullable String payerMemberId,
			@Nullable String sponsorCode) {

		static InvitationForm empty() {
			return new InvitationForm(null, null, null, null, null, null, null, PaymentMethod.SELF_PAY.name(), null,
					null, null);
		}

		/** The invitation, or null with the fields that could not be read rejected. */
		@Nullable Invitation invitation(FieldErrors errors) {

			LocalDate date = null;
			if (dateOfBirth != null && !dateOfBirth.isBlank()) {
				try {
					date = LocalDate.parse(dateOfBirth.strip());
				} catch (DateTimeParseException e) {
					errors.reject("dateOfBirth", "patients.invitation.date-of-birth.format");
				}
			}
			PaymentMethod method = null;
			if (payment != null && !payment.isBlank()) {
				try {
					method = PaymentMethod.valueOf(payment.strip().toUpperCase(Locale.ROOT));
				} catch (IllegalArgumentException e) {
					errors.reject("payment", "patients.invitation.payment.required");
				}
			}
			return errors.isEmpty() ? new Invitation(firstName, lastName, date, email, state, phone, referralSource,
					method, payerName, payerMemberId, sponsorCode) : null;
		}

		@Override
		public String toString() {
			return "InvitationForm[" + payment + "]"; // no personal details in logs
		}
	}

	/** A problem of the uploaded file, in the reader's language. */
	record LineProblem(long line, @Nullable String column, String problem) {}

	@InitBinder
	void allowedFields(WebDataBinder binder) {
		binder.setDisallowedFields("id", "tenantId", "version");
	}

	@GetMapping("/patients/invitations/new")
	@PreAuthorize("hasAnyRole('THERAPIST', 'CLINIC_ADMIN')")
	String form(Model model) {
		model.addAttribute("form", InvitationForm.empty());
		return invitePage(model);
	}

	@PostMapping("/patients/invitations")
	@PreAuthorize("hasAnyRole('THERAPIST', 'CLINIC_ADMIN')")
	String invite(@ModelAttribute("form") InvitationForm form, BindingResult result, Model model) {

		var errors = new FieldErrors();
		var invitation = form.invitation(errors);
		if (invitation == null) {
			errors.copyTo(result);
			return invitePage(model);
		}
		try {
			invitations.invite(invitation, CurrentUser.require().username());
			return "redirect:/patients/invitations/sent";
		} catch (InvalidInput invalid) {
			invalid.copyTo(result);
		} catch (AlreadyInClinic existing) {
			model.addAttribute("existing", existing.patient().id());
		} catch (Accounts.AccountsUnavailable unavailable) {
			result.reject("patients.invitation.accounts-unavailable");
		}
		return invitePage(model);
	}

	@GetMapping("/patients/invitations/sent")
	@PreAuthorize("hasAnyRole('THERAPIST', 'CLINIC_ADMIN')")
	String sent(Model model) {
		model.addAttribute("therapist", CurrentUser.require().has(Role.THERAPIST));
		model.addAttribute("admin", CurrentUser.require().has(Role.CLINIC_ADMIN));
		return "patients/invited";
	}

	@GetMapping("/admin/invitations")
	@PreAuthorize("hasRole('CLINIC_ADMIN')")
	String upload(Model model) {
		return uploadPage(model);
	}

	@PostMapping("/admin/invitations")
	@PreAuthorize("hasRole('CLINIC_ADMIN')")
	String uploaded(@RequestParam(name = "file", required = false) @Nullable MultipartFile file, Model model,
			RedirectAttributes redirect) {

		if (file == null || file.isEmpty()) {
			model.addAttribute("fileError", "patients.invitation.file.choose");
			return uploadPage(model);
		}
		InvitationFile.Read read;
		try (var in = file.getInputStream()) {
			read = InvitationFile.read(in);
		} catch (IOException e) {
			model.addAttribute("fileError", "patients.invitation.file.not-csv");
			return uploadPage(model);
		}

		var problems = new ArrayList<LineProblem>();
		read.errors().forEach(error -> problems.add(new LineProblem(error.line(), error.column(), text(error.problem()))));
		if (problems.isEmpty() && read.invitations().isEmpty()) {
			problems.add(new LineProblem(0, null, text("patients.invitation.file.no-lines")));
		}
		if (problems.isEmpty()) {
			try {
				var invited = invitations.inviteAll(read.invitations(), CurrentUser.require().username());
				redirect.addFlashAttribute("flash", text("patients.invitation.file.invited", invited.size()));
				return "redirect:/admin/invitations";
			} catch (InvalidInput invalid) {
				invalid.problems().forEach((field, problem) -> {
					var at = LINE_FIELD.matcher(field);
					problems.add(at.matches()
							? new LineProblem(read.lines().get(Integer.parseInt(at.group(1))),
									InvitationFile.COLUMNS.get(at.group(2)), text(inFile(problem, read.lines())))
							: new LineProblem(0, null, text(problem)));
				});
			} catch (Accounts.AccountsUnavailable unavailable) {
				problems.add(new LineProblem(0, null, text("patients.invitation.accounts-unavailable")));
			}
		}
		problems.sort(java.util.Comparator.comparingLong(LineProblem::line));
		model.addAttribute("problems", problems);
		return uploadPage(model);
	}

	private String invitePage(Model model) {
		var clinic = clinics.find(CurrentTenant.require());
		var served = clinic.map(Clinic::states).orElse(List.of());
		model.addAttribute("states", served.isEmpty() ? UsStates.CODES : served);
		model.addAttribute("sponsors", sponsors.all().stream().filter(SponsorSummary::active).toList());
		model.addAttribute("methods", PaymentMethod.values());
		model.addAttribute("admin", CurrentUser.require().has(Role.CLINIC_ADMIN));
		return "patients/invite";
	}

	private String uploadPage(Model model) {
		model.addAttribute("header", String.join(",", InvitationFile.HEADER));
		model.addAttribute("maxLines", InvitationFile.MAX_LINES);
		return "patients/invite-upload";
	}

	/** A line named by its place in the list of invitations is named by its line in the file. */
	private static MessageSourceResolvable inFile(MessageSourceResolvable problem, List<Long> lines) {
		var codes = problem.getCodes();
		var arguments = problem.getArguments();
		if (codes != null && codes.length > 0 && codes[0].equals("patients.invitation.line.repeated") && arguments != null
				&& arguments.length == 1 && arguments[0] instanceof Integer place) {
			return new org.springframework.context.support.DefaultMessageSourceResolvable(codes,
					new Object[] { lines.get(place - 1) });
		}
		return problem;
	}

	private String text(MessageSourceResolvable problem) {
		return messages.getMessage(problem, LocaleContextHolder.getLocale());
	}

	private String text(String code, Object... arguments) {
		return messages.getMessage(code, arguments, LocaleContextHolder.getLocale());
	}
}
