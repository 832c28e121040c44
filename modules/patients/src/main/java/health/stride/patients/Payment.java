package health.stride.patients;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * How a patient's care is paid: the method, the payer and member id for insurance (free text, as
 * the clinic wrote them), the sponsor for sponsored care. The sponsor id may stay after a patient
 * moves to another method: it names who covered them.
 */
public record Payment(PaymentMethod method, @Nullable String payerName, @Nullable String payerMemberId,
		@Nullable UUID sponsorId) {

	public Payment {
		if (method == PaymentMethod.INSURANCE && (payerName == null || payerName.isBlank())) {
			throw new IllegalArgumentException("Insurance needs the payer's name");
		}
		if (method != PaymentMethod.INSURANCE && (payerName != null || payerMemberId != null)) {
			throw new IllegalArgumentException("Only insurance has a payer");
		}
		if (method == PaymentMethod.SPONSOR && sponsorId == null) {
			throw new IllegalArgumentException("Sponsored care needs the sponsor");
		}
	}

	public static Payment selfPay() {
		return new Payment(PaymentMethod.SELF_PAY, null, null, null);
	}

	public static Payment insurance(String payerName, @Nullable String memberId) {
		return new Payment(PaymentMethod.INSURANCE, payerName, memberId, null);
	}

	public static Payment sponsor(UUID sponsorId) {
		return new Payment(PaymentMethod.SPONSOR, null, null, sponsorId);
	}

	@Override
	public String toString() {
		return "Payment[" + method + "]"; // never the member id
	}
}
