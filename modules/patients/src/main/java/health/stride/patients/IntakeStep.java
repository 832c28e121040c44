package health.stride.patients;

import java.util.List;
import java.util.Set;

/** One page of the intake, saved on its own so the patient can leave and come back. */
public sealed interface IntakeStep {

	int FIRST = 1;
	int LAST = 5;

	/** The step's place in the intake, from {@link #FIRST} to {@link #LAST}. */
	int number();

	record WhereItHurts(Set<PainRegion> regions, int painNow) implements IntakeStep {

		public WhereItHurts {
			regions = Set.copyOf(regions);
		}

		@Override
		public int number() {
			return 1;
		}
	}

	record Course(PainDuration duration, Set<Aggravator> worseWith) implements IntakeStep {

		public Course {
			worseWith = Set.copyOf(worseWith);
		}

		@Override
		public int number() {
			return 2;
		}
	}

	record History(Set<Diagnosis> diagnoses, String goals) implements IntakeStep {

		public History {
			diagnoses = Set.copyOf(diagnoses);
		}

		@Override
		public int number() {
			return 3;
		}
	}

	record Function(List<PsfsItem> psfs) implements IntakeStep {

		public Function {
			psfs = List.copyOf(psfs);
		}

		@Override
		public int number() {
			return 4;
		}
	}

	/** The red-flag screen: the symptoms answered "yes" (none when all were "no"). */
	record Screen(Set<RedFlag> yes) implements IntakeStep {

		public Screen {
			yes = Set.copyOf(yes);
		}

		@Override
		public int number() {
			return 5;
		}
	}
}
