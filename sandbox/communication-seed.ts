/**
 * Deterministic reviews and product questions. IDs, texts, ratings, threads and the order of everything are fixed;
 * times are offsets from the moment of seeding, because Yandex's default date windows (6 months for reviews, 1
 * month for questions) are relative to now and a seed fixed in the past would fall out of them.
 */
import type { Store } from './store';
import type {
	CommunicationStore,
	QuestionAuthorType,
	ReviewCommentAuthorType,
} from './communication-store';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** 1x1 PNG and a few bytes standing for a video, served at <sandbox>/_sandbox/files/<id>. */
const PNG_1X1 = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
	'base64',
);
const VIDEO_BYTES = Buffer.from('sandbox video placeholder\n');

export const COMMUNICATION_SEED = {
	/** business 10001: 30 recent reviews 80001-80030, two older than 6 months, one deleted, one above 2^53 */
	reviewCount: 31,
	reviewIds: { from: '80001', to: '80030' },
	/** a 1-star review that needs a reaction, with photos, a video and an order: the one to answer */
	lowRatingReviewId: '80001',
	/** a thread: buyer comment, seller reply, buyer reply to the seller, brand comment */
	threadReviewId: '80002',
	threadCommentIds: ['81001', '81002', '81003', '81004'],
	/** the seller's own comment (canModify true) in the thread, a reply to 81001 */
	sellerCommentId: '81002',
	/** a paid review (Plus points) */
	paidReviewId: '80004',
	/** a review whose offerId is all digits: it must stay a JSON string */
	numericSkuReviewId: '80007',
	numericSku: '100256',
	/** feedbackId and a comment ID above 2^53 */
	bigReviewId: '9007199254740997',
	bigReviewCommentId: '9007199254740999',
	/** published but created 7 and 8 months ago: outside the default window */
	oldReviewIds: ['80031', '80032'],
	/** deleted by the buyer: never returned */
	deletedReviewId: '80033',
	/** business 10003 (UrbanAds advertiser key): reviews 80401-80405 with brand context */
	advertiserBusinessId: '10003',
	advertiserReviewIds: { from: '80401', to: '80405' },
	/** business 10002: 230 reviews 80101-80330 for Return All (10 pages of 25, 5 of 50) */
	bulkBusinessId: '10002',
	bulkReviewCount: 230,
	bulkReviewIds: { from: '80101', to: '80330' },
	/** business 10001: questions 82001-82012 (recent), 82013-82014 (older than a month), one above 2^53 */
	questionIds: { from: '82001', to: '82012' },
	/** answered by the seller (answer 83001, with buyer comment 84001 and the seller's reply 84002) */
	answeredQuestionId: '82001',
	sellerAnswerId: '83001',
	answerCommentIds: ['84001', '84002'],
	/** answered only by another buyer (answer 83002): still needs the seller's answer */
	buyerAnsweredQuestionId: '82002',
	buyerAnswerId: '83002',
	/** no answer at all */
	openQuestionId: '82003',
	oldQuestionIds: ['82013', '82014'],
	bigQuestionId: '9007199254741001',
	bigAnswerId: '9007199254741003',
	/** business 10002: 60 questions 82101-82160 over the last 25 days */
	bulkQuestionCount: 60,
	bulkQuestionIds: { from: '82101', to: '82160' },
	categoryIds: ['91491', '91013', '90555'],
} as const;

const OFFERS = [
	{ offerId: 'KETTLE-1700-WHITE', categoryId: '90555' },
	{ offerId: 'BLENDER-PRO-500', categoryId: '90555' },
	{ offerId: 'HEADPHONES-BT-X2', categoryId: '91013' },
	{ offerId: 'PHONE-CASE-A54', categoryId: '91491' },
	{ offerId: COMMUNICATION_SEED.numericSku, categoryId: '91491' },
] as const;

const AUTHORS = ['Anna K.', 'Ivan P.', 'Maria S.', 'Pavel D.', 'Olga V.', 'Sergey M.', 'Elena R.'];

/** Texts per star rating (index 0 = 1 star). */
const REVIEW_TEXTS: Array<{ advantages?: string; disadvantages?: string; comment: string }> = [
	{
		disadvantages: 'Stopped working after two days. The lid does not close.',
		comment: 'Very disappointed, I want my money back.',
	},
	{
		advantages: 'Looks nice.',
		disadvantages: 'Loud, and the cable is too short.',
		comment: 'Would not buy again.',
	},
	{
		advantages: 'Does the job.',
		disadvantages: 'The packaging was crushed.',
		comment: 'Average for the price.',
	},
	{
		advantages: 'Fast delivery, works well.',
		disadvantages: 'A bit heavy.',
		comment: 'Good value overall.',
	},
	{
		advantages: 'Excellent quality, exactly as described.',
		comment: 'Great purchase, thank you!',
	},
];

export function seedCommunication(s: Store, now: number): void {
	const c = s.communication;
	const photo = (name: string) => s.addFile(name, 'image/png', PNG_1X1).id;
	const video = (name: string) => s.addFile(name, 'video/mp4', VIDEO_BYTES).id;

	// ---------- business 10001: reviews ----------
	for (let i = 0; i < 30; i++) {
		const rating = i === 0 ? 1 : ((i * 3) % 5) + 1;
		const offer = i === 6 ? OFFERS[4] : OFFERS[i % 4];
		const createdAt = now - (2 + i * 5) * DAY - (i % 7) * HOUR;
		const text = REVIEW_TEXTS[rating - 1];
		c.addReview({
			feedbackId: String(80001 + i),
			businessId: '10001',
			createdAt,
			publishedAt: createdAt + 2 * HOUR,
			// The thread review and every third one have been handled; the rest wait for the seller.
			needReaction: !(i === 1 || i % 3 === 2),
			...(i % 5 !== 4 ? { orderId: String(40001 + i) } : {}),
			offerId: offer.offerId,
			...(i % 6 !== 5 ? { author: AUTHORS[i % AUTHORS.length] } : {}),
			...(i % 4 === 1 ? { comment: text.comment } : { ...text }),
			...(i === 0
				? { photos: [photo('review-80001-1.png'), photo('review-80001-2.png')] }
				: i % 4 === 0
					? { photos: [photo(`review-${80001 + i}.png`)] }
					: {}),
			...(i === 0 ? { videos: [video('review-80001.mp4')] } : {}),
			rating,
			...(i % 3 === 0 ? { recommended: rating >= 4 } : {}),
			...(i % 4 === 3 ? { paidAmount: String(100 * (1 + (i % 3))) } : {}),
		});
	}
	// Two older than 6 months, one deleted, one above 2^53.
	for (const [k, id] of COMMUNICATION_SEED.oldReviewIds.entries()) {
		const createdAt = now - (215 + 30 * k) * DAY;
		c.addReview({
			feedbackId: id,
			businessId: '10001',
			createdAt,
			publishedAt: createdAt + HOUR,
			needReaction: true,
			orderId: String(40040 + k),
			offerId: OFFERS[k].offerId,
			author: AUTHORS[k],
			comment: 'An old review from last season.',
			rating: 4 - k,
		});
	}
	c.addReview({
		feedbackId: COMMUNICATION_SEED.deletedReviewId,
		businessId: '10001',
		createdAt: now - 3 * DAY,
		publishedAt: now - 3 * DAY + HOUR,
		needReaction: true,
		offerId: OFFERS[0].offerId,
		comment: 'This review was deleted by its author.',
		rating: 2,
		deleted: true,
	});
	c.addReview({
		feedbackId: COMMUNICATION_SEED.bigReviewId,
		businessId: '10001',
		createdAt: now - 1 * DAY,
		publishedAt: now - 1 * DAY + HOUR,
		needReaction: true,
		orderId: '40050',
		offerId: OFFERS[2].offerId,
		author: 'Big ID',
		comment: 'My ID is above 2^53 and must stay exact: 9007199254740997.',
		rating: 5,
	});

	// ---------- business 10001: review comments ----------
	const thread = COMMUNICATION_SEED.threadReviewId;
	const rc = (
		id: string,
		feedbackId: string,
		authorType: ReviewCommentAuthorType,
		authorName: string,
		text: string,
		at: number,
		extra: { parentId?: string; status?: 'PUBLISHED' | 'UNMODERATED' | 'BANNED' } = {},
	) =>
		c.addReviewComment({
			id,
			feedbackId,
			businessId: '10001',
			authorType,
			authorName,
			text,
			createdAt: at,
			status: extra.status ?? 'PUBLISHED',
			...(extra.parentId ? { parentId: extra.parentId } : {}),
		});
	const threadAt = c.reviews.get(thread)!.publishedAt;
	rc(
		'81001',
		thread,
		'USER',
		'Ivan P.',
		'Does anyone know if it fits the 2024 model?',
		threadAt + HOUR,
	);
	rc(
		'81002',
		thread,
		'BUSINESS',
		'Demo Business',
		'Yes, it fits every model since 2022.',
		threadAt + 2 * HOUR,
		{ parentId: '81001' },
	);
	rc('81003', thread, 'USER', 'Ivan P.', 'Thank you, ordered one!', threadAt + 3 * HOUR, {
		parentId: '81002',
	});
	rc(
		'81004',
		thread,
		'BRAND',
		'Kettle Brand',
		'Thank you for choosing our product.',
		threadAt + 4 * HOUR,
	);
	// Handled reviews (every third) carry the seller's reply; one is still in moderation, one buyer comment banned.
	let commentId = 81010;
	for (const r of c.reviewsOf('10001')) {
		const i = Number(r.feedbackId) - 80001;
		if (!(i >= 0 && i < 30 && i % 3 === 2)) continue;
		rc(
			String(commentId++),
			r.feedbackId,
			'BUSINESS',
			'Demo Business',
			r.rating <= 2
				? 'We are sorry to hear that. Please write to us in the order chat and we will sort it out.'
				: 'Thank you for your review!',
			r.publishedAt + 5 * HOUR,
			{ status: i === 5 ? 'UNMODERATED' : 'PUBLISHED' },
		);
	}
	rc(
		String(commentId++),
		'80004',
		'USER',
		'Sergey M.',
		'Spam comment removed by moderation.',
		c.reviews.get('80004')!.publishedAt + HOUR,
		{ status: 'BANNED' },
	);
	rc(
		COMMUNICATION_SEED.bigReviewCommentId,
		COMMUNICATION_SEED.bigReviewId,
		'USER',
		'Big ID',
		'A comment with an ID above 2^53.',
		c.reviews.get(COMMUNICATION_SEED.bigReviewId)!.publishedAt + HOUR,
	);

	// ---------- business 10002: 230 reviews for Return All ----------
	for (let i = 0; i < COMMUNICATION_SEED.bulkReviewCount; i++) {
		const rating = (i % 5) + 1;
		const createdAt = now - HOUR - i * 17 * HOUR;
		c.addReview({
			feedbackId: String(80101 + i),
			businessId: '10002',
			createdAt,
			publishedAt: createdAt + 30 * 60_000,
			needReaction: i % 2 === 0,
			orderId: String(41001 + (i % 5)),
			offerId: OFFERS[i % 4].offerId,
			author: AUTHORS[i % AUTHORS.length],
			...REVIEW_TEXTS[rating - 1],
			rating,
			...(i % 10 === 0 ? { paidAmount: '200' } : {}),
		});
	}

	// ---------- business 10003: an UrbanAds advertiser cabinet (reviews of the brand's products) ----------
	s.businesses.set('10003', { id: '10003', name: 'UrbanAds Advertiser' });
	for (let i = 0; i < 5; i++) {
		const createdAt = now - (1 + i * 3) * DAY;
		const rating = 5 - i;
		c.addReview({
			feedbackId: String(80401 + i),
			businessId: '10003',
			createdAt,
			publishedAt: createdAt + HOUR,
			needReaction: i !== 2,
			author: AUTHORS[i],
			...REVIEW_TEXTS[rating - 1],
			rating,
			advertiserContext: {
				offerName: 'Kettle Brand electric kettle 1.7 l',
				pictureFileId: photo(`brand-offer-${i + 1}.png`),
				businessId: '10001',
				businessName: 'Demo Business',
				// A string in the spec (GoodsFeedbackContextUrbanadsDTO), even when it is all digits.
				brandId: '7001',
				brandName: 'Kettle Brand',
			},
		});
	}

	seedQuestions(c, now);
}

function seedQuestions(c: CommunicationStore, now: number): void {
	const texts = [
		'Does it come with a warranty?',
		'What is the exact volume?',
		'Is it compatible with the previous model?',
		'Which colours are available?',
		'Can it be washed in a dishwasher?',
		'Does the box include a charger?',
	];
	const q = (id: string, businessId: string, i: number, createdAt: number) =>
		c.addQuestion({
			questionId: id,
			businessId,
			offerId: OFFERS[i % OFFERS.length].offerId,
			categoryId: OFFERS[i % OFFERS.length].categoryId,
			createdAt,
			text: texts[i % texts.length],
			votes: { likes: i % 4, dislikes: i % 2 },
			authorType: 'USER',
			authorName: AUTHORS[i % AUTHORS.length],
		});
	for (let i = 0; i < 12; i++) q(String(82001 + i), '10001', i, now - (1 + 2 * i) * DAY - HOUR);
	q('82013', '10001', 12, now - 40 * DAY);
	q('82014', '10001', 13, now - 75 * DAY);
	q(COMMUNICATION_SEED.bigQuestionId, '10001', 14, now - 12 * HOUR);

	const answer = (
		id: string,
		questionId: string,
		authorType: QuestionAuthorType,
		authorName: string,
		text: string,
		after: number,
		status: 'PUBLISHED' | 'UNMODERATED' = 'PUBLISHED',
	) => {
		const question = c.questions.get(questionId)!;
		return c.addAnswer({
			id,
			questionId,
			businessId: question.businessId,
			authorType,
			authorName,
			text,
			status,
			createdAt: question.createdAt + after,
			votes: { likes: 2, dislikes: 0 },
		});
	};
	answer(
		'83001',
		'82001',
		'BUSINESS',
		'Demo Business',
		'Yes, a 2-year warranty from the maker.',
		HOUR,
	);
	answer('83002', '82002', 'USER', 'Olga V.', 'Mine holds 1.7 litres.', 3 * HOUR);
	answer('83003', '82004', 'VENDOR', 'Kettle Brand', 'White, black and steel.', 2 * HOUR);
	// Every question from the fifth on is answered by the seller, the last one still in moderation.
	for (let i = 4; i < 12; i++)
		answer(
			String(83000 + i),
			String(82001 + i),
			'BUSINESS',
			'Demo Business',
			'Thank you for the question: yes, it does.',
			4 * HOUR,
			i === 11 ? 'UNMODERATED' : 'PUBLISHED',
		);
	answer('83013', '82013', 'BUSINESS', 'Demo Business', 'An answer from last month.', HOUR);
	answer(
		COMMUNICATION_SEED.bigAnswerId,
		COMMUNICATION_SEED.bigQuestionId,
		'USER',
		'Big ID',
		'An answer with an ID above 2^53.',
		HOUR,
	);
	const a1 = c.answers.get('83001')!;
	c.addQuestionComment({
		id: '84001',
		answerId: '83001',
		businessId: '10001',
		text: 'Is the warranty valid abroad?',
		status: 'PUBLISHED',
		authorType: 'USER',
		authorName: 'Anna K.',
		createdAt: a1.createdAt + HOUR,
		votes: { likes: 0, dislikes: 0 },
	});
	c.addQuestionComment({
		id: '84002',
		answerId: '83001',
		businessId: '10001',
		parentId: '84001',
		text: 'Only in Russia, sorry.',
		status: 'PUBLISHED',
		authorType: 'BUSINESS',
		authorName: 'Demo Business',
		createdAt: a1.createdAt + 2 * HOUR,
		votes: { likes: 1, dislikes: 0 },
	});

	// business 10002: 60 questions over 25 days, every third answered by the seller.
	for (let i = 0; i < COMMUNICATION_SEED.bulkQuestionCount; i++) {
		const id = String(82101 + i);
		q(id, '10002', i, now - HOUR - i * 10 * HOUR);
		if (i % 3 === 0)
			c.addAnswer({
				questionId: id,
				businessId: '10002',
				authorType: 'BUSINESS',
				authorName: 'Second Business',
				text: 'Yes.',
				status: 'PUBLISHED',
				createdAt: now - i * 10 * HOUR,
				votes: { likes: 0, dislikes: 0 },
			});
	}
}
