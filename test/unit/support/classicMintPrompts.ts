import type { ClassicMintPrompt, ClassicMintQuestion } from '../../../src/app/tokens/classicMintGuard';

/**
 * For suites about something else (the cache, the lease, faults) whose classic requests stand for ones the user
 * confirmed: yes to every question before a classic request.
 */
export const approveEveryClassicMint: ClassicMintPrompt = () => Promise.resolve(true);

export interface RecordingPrompt {
	readonly prompt: ClassicMintPrompt;
	/** Every question asked, oldest first. */
	readonly questions: ClassicMintQuestion[];
	/** The answer to the next questions; can be changed between calls. */
	answer: boolean;
}

/** A fake of the modal before a classic request: answers `answer`, and keeps each question for the test to read. */
export function recordingPrompt(answer: boolean): RecordingPrompt {
	const recorder: RecordingPrompt = {
		questions: [],
		answer,
		prompt: (question) => {
			recorder.questions.push(question);
			return Promise.resolve(recorder.answer);
		},
	};
	return recorder;
}
