"""What the demo library holds: about thirty invented documents and six capacity-building requests.

Every item is clearly demo content: the demo NGOs are invented, and every figure is marked illustrative.
A few words appear only inside the files (never in a title or abstract) so that search by the text
extracted from a file can be shown: "remittance-corridor" and "Probashbandhu" in the labour-migration
policy paper, "Sylhet-ward" in the counter-trafficking action plan, "নদীবন্দর" in a Bangla brief."""

from __future__ import annotations

from .documents import Section as S

# Words found only inside files (the tests and the walkthrough search for them).
FILE_ONLY_WORDS = ("Probashbandhu", "remittance-corridor", "Sylhet-ward", "নদীবন্দর")

# by: who adds it (a demo account key of network.demo.ACCOUNTS). state: published, in_review, returned, draft.
# ago: days before today it was published (or sent for review, returned, started).
RESOURCES: list[dict] = [
    # --- Labour migration
    {
        "title": "Towards fair and ethical labour migration from Bangladesh: a policy paper",
        "kind": "policy_paper",
        "abstract": "A policy paper of the Labour Migration TWG on lowering the cost of migration, regulating "
        "intermediaries and protecting migrant workers at every stage, with options for the Government's "
        "consideration. Version 2 reflects the TWG's comments. Illustrative demo content.",
        "authors": ["ILO", "IOM", "UN Women", "WMWA"],
        "body": "lm",
        "gcm": [5, 6, 7, 22],
        "gp": ["a", "f", "g"],
        "sdg": ["8.7", "8.8", "10.7"],
        "themes": ["Labour migration", "Migration and development"],
        "vis": "public",
        "by": "chair",
        "ago": 60,
        "fmt": "pdf",
        "file": "fair-labour-migration-policy-paper",
        "sections": [
            S(
                "1. Summary",
                [
                    "Labour migration is one of Bangladesh's main routes out of poverty, yet many workers "
                    "still pay far more for a job abroad than they earn in their first months of work. This "
                    "paper sets out how the members of the Labour Migration TWG could support the Government "
                    "in making recruitment fair, cheaper and better regulated, in line with objective 6 of the "
                    "Global Compact for Safe, Orderly and Regular Migration.",
                    "The paper draws on the TWG's consultations with workers' organisations, recruiting "
                    "agencies and returnees. The figures quoted are illustrative, prepared for this demo.",
                ],
            ),
            S(
                "2. The cost of migration",
                [
                    "In the illustrative survey described in annex 1, workers going to the Gulf reported paying "
                    "between four and nine months of their expected wages before departure, most of it to "
                    "informal intermediaries (dalals) in their home district. Women workers paid less on "
                    "average but were more often asked for unofficial payments after arrival.",
                    "Along each remittance-corridor the pattern repeats: the cost is paid up front, largely in "
                    "cash, and financed by loans from relatives or money lenders. A worker who returns early "
                    "often comes back with debt rather than savings.",
                ],
                table=[
                    ["Destination (illustrative)", "Median cost (months of wages)", "Paid to intermediaries"],
                    ["Gulf country A", "7", "62%"],
                    ["Gulf country B", "6", "55%"],
                    ["South-East Asia", "5", "48%"],
                ],
            ),
            S(
                "3. Options for the Government's consideration",
                [],
                bullets=[
                    "Apply the ILO General Principles and Operational Guidelines for Fair Recruitment and the "
                    "ILO definition of recruitment fees and related costs.",
                    "Register sub-agents and make recruiting agencies liable for the intermediaries they use.",
                    "Publish the cost ceilings per destination, and enforce them with spot checks.",
                    "Open a one-stop complaints desk (the TWG calls it the Probashbandhu desk) at district "
                    "employment and manpower offices, with legal aid for workers who were overcharged.",
                    "Negotiate employer-pays clauses in bilateral agreements and publish the agreements.",
                ],
            ),
            S(
                "4. What the Network can offer",
                [
                    "ILO and IOM can support the review of the recruitment rules; UN Women can support "
                    "gender-responsive pre-departure orientation; the Women Migrant Workers' Association can "
                    "bring workers' voices into the consultations. The TWG proposes to report on progress to "
                    "the Network at each quarterly meeting.",
                ],
            ),
            S(
                "Annex 1. The illustrative survey",
                [
                    "The survey behind section 2 is invented for this demo. It imagines 1,200 workers interviewed "
                    "at the airport before departure and 400 returnees interviewed in their home districts, with "
                    "questions on every payment made, to whom, and how it was financed. A real survey would follow "
                    "the ILO-World Bank KNOMAD methodology for SDG indicator 10.7.1.",
                ],
                table=[
                    ["Payment (illustrative)", "Share of workers paying", "Median amount (BDT)"],
                    ["Visa and work permit", "91%", "180,000"],
                    ["Intermediary's fee", "78%", "95,000"],
                    ["Medical test", "88%", "8,500"],
                    ["Training and certificate", "64%", "6,000"],
                    ["Air ticket", "57%", "45,000"],
                ],
            ),
        ],
        # An earlier version: the first draft, without section 4 and without the complaints-desk option.
        "first_draft": {
            "note": "First draft, for the TWG's comments.",
            "drop": ["4. What the Network can offer", "Probashbandhu"],
            "days_before": 45,
        },
        "note": "Revised after the TWG's comments: adds the complaints-desk option and section 4 on what the "
        "Network can offer.",
    },
    {
        "title": "Fair recruitment and the cost of migration: policy brief",
        "kind": "policy_brief",
        "abstract": "A four-page brief for policy makers summarising why recruitment costs matter, what the "
        "ILO definition of recruitment fees covers, and five practical steps. Illustrative demo content.",
        "authors": ["ILO", "IOM"],
        "body": "lm",
        "gcm": [6],
        "gp": ["a", "f"],
        "sdg": ["8.8", "10.7"],
        "themes": ["Labour migration"],
        "vis": "public",
        "by": "chair",
        "ago": 140,
        "fmt": "pdf",
        "file": "fair-recruitment-policy-brief",
        "sections": [
            S(
                "Key messages",
                [],
                bullets=[
                    "Workers should not pay for being recruited: employers should bear the cost.",
                    "Recruitment fees include the fee itself and related costs such as travel, visas, medical "
                    "tests and training when these are required by the employer.",
                    "Intermediaries that work informally are the main source of overcharging.",
                ],
            ),
            S(
                "Why it matters",
                [
                    "High recruitment costs lead to debt, and debt leaves workers unable to leave abusive jobs. "
                    "Reducing costs is also measured by SDG indicator 10.7.1 (recruitment cost borne by the "
                    "employee as a proportion of yearly income earned in the country of destination).",
                ],
            ),
            S(
                "Five practical steps",
                [],
                bullets=[
                    "Adopt the ILO definition of recruitment fees and related costs in national rules.",
                    "Register and license sub-agents.",
                    "Publish cost ceilings and receipts for every payment.",
                    "Monitor costs through a regular survey of departing and returning workers.",
                    "Offer complaints and legal aid close to where workers live.",
                ],
            ),
        ],
    },
    {
        "title": "Women migrant workers and access to justice: policy brief",
        "kind": "policy_brief",
        "abstract": "Why women migrant workers rarely obtain redress for abuse and unpaid wages, and what "
        "embassies, welfare desks and legal aid providers can do. Illustrative demo content.",
        "authors": ["UN Women", "WMWA"],
        "body": "lm",
        "gcm": [6, 7, 17],
        "gp": ["f", "g"],
        "sdg": ["5.2", "8.8", "10.7"],
        "themes": ["Labour migration"],
        "vis": "public",
        "by": "partner",
        "ago": 210,
        "fmt": "pdf",
        "file": "women-migrant-workers-access-to-justice",
        "sections": [
            S(
                "The problem",
                [
                    "Women who migrate for domestic work often live in their employer's household, have their "
                    "passports held and cannot reach a welfare desk. When they return, the time limits for "
                    "complaints have often passed.",
                    "In the illustrative case files reviewed for this brief, unpaid wages and confiscated "
                    "documents were the most frequent complaints, followed by physical and sexual abuse.",
                ],
            ),
            S(
                "Recommendations",
                [],
                bullets=[
                    "Women labour attachés and welfare officers at embassies in the main destinations.",
                    "Complaints that can be filed after return, without a time limit for wage claims.",
                    "Legal aid and shelter referral through the district offices and civil society.",
                    "Gender-responsive pre-departure orientation that explains how to seek help.",
                ],
            ),
        ],
    },
    {
        "title": "Skills recognition for returning migrant workers: policy brief",
        "kind": "policy_brief",
        "abstract": "How the recognition of skills learned abroad could help returnees find work or start a "
        "business at home; options for the national skills authority. Draft sent for review.",
        "authors": ["ILO"],
        "body": "lm",
        "gcm": [18, 21],
        "gp": ["e"],
        "sdg": ["4.b", "8.5"],
        "themes": ["Labour migration", "Migration and development"],
        "vis": "network",
        "by": "chair",
        "state": "in_review",
        "ago": 4,
        "fmt": "docx",
        "file": "skills-recognition-returnees",
        "sections": [
            S(
                "Summary",
                [
                    "Many returnees worked for years as electricians, drivers or caregivers abroad but have no "
                    "certificate that employers at home recognise. Recognition of prior learning, run with "
                    "industry skills councils, could close that gap.",
                ],
            ),
            S(
                "Options",
                [],
                bullets=[
                    "Assessment centres in the districts with the most returnees.",
                    "Short top-up courses leading to a national certificate.",
                    "A record of skills in the returnee registration system.",
                ],
            ),
        ],
    },
    {
        "title": "Labour Migration TWG: annual progress report to the Network",
        "kind": "meeting_document",
        "abstract": "What the Labour Migration TWG did this year against its work plan, what is delayed and "
        "why, and what it asks of the Network. For the next Network meeting.",
        "authors": ["ILO", "IOM"],
        "body": "lm",
        "gcm": [6, 18, 21],
        "gp": ["j"],
        "sdg": ["8.8", "10.7"],
        "themes": ["Labour migration"],
        "vis": "network",
        "by": "chair",
        "ago": 6,
        "fmt": "pdf",
        "file": "lm-twg-annual-progress-report",
        "sections": [
            S(
                "Progress against the work plan",
                [],
                table=[
                    ["Activity", "Lead", "Status"],
                    ["Policy paper on fair and ethical labour migration", "ILO, IOM", "Completed"],
                    ["Training of labour attachés on recruitment fees", "ILO", "Completed"],
                    ["Gender-responsive pre-departure orientation", "UN Women", "Ongoing"],
                    ["Returnee skills recognition brief", "ILO", "Ongoing"],
                    ["Survey of recruitment costs (illustrative)", "IOM", "Yet to start"],
                ],
            ),
            S(
                "Asks of the Network",
                [],
                bullets=[
                    "Endorse the policy paper for sharing with the Ministry.",
                    "Select the TWG's co-chairs for the next term.",
                ],
            ),
        ],
    },
    {
        "title": "Training of labour attachés on fair recruitment: course slides",
        "kind": "training",
        "abstract": "Slides of the two-day course for labour attachés and welfare officers delivered at the "
        "request of the Ministry of Expatriates' Welfare and Overseas Employment.",
        "authors": ["ILO", "IOM", "UN Women"],
        "body": "lm",
        "gcm": [6, 14],
        "gp": ["f", "g"],
        "sdg": ["8.8"],
        "themes": ["Labour migration"],
        "vis": "network",
        "by": "chair",
        "ago": 190,
        "fmt": "pptx",
        "file": "labour-attaches-fair-recruitment-course",
        "slides": [
            (
                "Why fair recruitment",
                ["Debt and forced labour risks", "SDG 10.7.1 recruitment cost", "Employer-pays principle"],
            ),
            (
                "Recruitment fees and related costs",
                ["The ILO definition (2019)", "What counts as a related cost", "Exercises with case files"],
            ),
            (
                "Consular protection in practice",
                ["Receiving complaints", "Wage claims and mediation", "Referral to shelter and legal aid"],
            ),
            (
                "Women migrant workers",
                [
                    "Domestic work and live-in risks",
                    "Safe channels to seek help",
                    "Working with the welfare desk",
                ],
            ),
        ],
        "notes": "Facilitators' note: all case files used in the exercises are invented for training.",
    },
    {
        "title": "Checklist for labour attachés: recruitment fees and related costs",
        "kind": "tool",
        "abstract": "A two-page checklist to use when a worker reports having paid for a job: what to ask, "
        "what counts as a fee, and where to refer the case.",
        "authors": ["ILO"],
        "body": "lm",
        "gcm": [6, 14],
        "gp": ["d", "f"],
        "sdg": ["8.8", "10.7"],
        "themes": ["Labour migration"],
        "vis": "public",
        "by": "chair",
        "ago": 185,
        "fmt": "docx",
        "file": "checklist-labour-attaches-recruitment-fees",
        "sections": [
            S(
                "Ask",
                [],
                bullets=[
                    "Who did you pay, when and how much? Do you have a receipt?",
                    "Was the payment for the job, the visa, travel, medical tests or training?",
                    "Did anyone keep your passport or contract?",
                ],
            ),
            S(
                "Refer",
                [],
                bullets=[
                    "Wage and fee claims: the welfare desk and the recruiting agency's licensing authority.",
                    "Abuse or forced labour: shelter, medical care and the police liaison.",
                ],
            ),
        ],
    },
    {
        "title": "Recruitment costs reported by migrant workers, by destination (illustrative dataset)",
        "kind": "dataset",
        "abstract": "An illustrative CSV of recruitment costs reported by departing workers, by destination, "
        "sex and occupation group, made to show how the library holds data. Not real data.",
        "authors": ["ILO", "NWF"],
        "body": "lm",
        "gcm": [1, 6],
        "gp": [],
        "sdg": ["10.7", "17.18"],
        "themes": ["Labour migration"],
        "vis": "public",
        "by": "chair",
        "ago": 120,
        "fmt": "csv",
        "file": "recruitment-costs-illustrative",
    },
    {
        "title": "Returnee reintegration survey: illustrative sample data",
        "kind": "dataset",
        "abstract": "An illustrative workbook of a returnee survey (districts, sex, months abroad, reasons for "
        "return, employment after return), with a code book. Not real data.",
        "authors": ["IOM", "CMS"],
        "body": "md",
        "gcm": [1, 21],
        "gp": [],
        "sdg": ["17.18"],
        "themes": ["Migration and development"],
        "vis": "network",
        "by": "member",
        "ago": 95,
        "fmt": "xlsx",
        "file": "returnee-reintegration-survey-illustrative",
    },
    {
        "title": "Draft: Labour Migration TWG work plan for next year",
        "kind": "meeting_document",
        "abstract": "The co-chairs' first draft of next year's work plan, to be discussed at the TWG meeting.",
        "authors": ["ILO", "IOM"],
        "body": "lm",
        "gcm": [6, 21],
        "gp": [],
        "sdg": ["8.8"],
        "themes": ["Labour migration"],
        "vis": "internal",
        "by": "chair",
        "state": "draft",
        "ago": 3,
        "fmt": "docx",
        "file": "lm-twg-work-plan-draft",
        "mark": "DRAFT",
        "sections": [
            S(
                "Proposed activities",
                [],
                table=[
                    ["Activity", "Co-leads", "Timeline"],
                    ["Follow-up of the policy paper with the Ministry", "ILO, IOM", "Q1–Q2"],
                    ["Returnee skills recognition pilot", "ILO", "Q2–Q4"],
                    ["Helpline for women migrant workers: review", "UN Women, WMWA", "Q3"],
                ],
            )
        ],
    },
    # --- Counter-trafficking
    {
        "title": "Counter-trafficking in persons: TWG action plan",
        "kind": "action_plan",
        "abstract": "The Counter-Trafficking TWG's three-year action plan supporting the national plan of "
        "action: prevention in source districts, victim identification and referral, prosecution support "
        "and data. Illustrative demo content.",
        "authors": ["UNODC", "IOM", "UNICEF", "SATN"],
        "body": "ct",
        "gcm": [9, 10, 12],
        "gp": ["d", "f", "h"],
        "sdg": ["5.2", "8.7", "16.2"],
        "themes": ["Counter-trafficking in persons"],
        "vis": "network",
        "by": "member",
        "ago": 150,
        "fmt": "pdf",
        "file": "counter-trafficking-twg-action-plan",
        "sections": [
            S(
                "Purpose",
                [
                    "This plan sets out how the members of the Counter-Trafficking in Persons TWG will support "
                    "the Government's national plan of action, the district counter-trafficking committees and "
                    "civil society over three years. It is a coordination tool: each agency keeps its own "
                    "programme, and the TWG tracks the joint results.",
                ],
            ),
            S(
                "Pillars and activities",
                [],
                table=[
                    ["Pillar", "Activity", "Lead", "Year"],
                    ["Prevention", "Community awareness in source districts", "IOM, SATN", "1–3"],
                    ["Protection", "Victim identification training for committees", "UNODC", "1–2"],
                    ["Protection", "Child victims: referral procedures", "UNICEF", "1"],
                    ["Prosecution", "Support to special tribunals", "UNODC", "2–3"],
                    ["Partnership", "Data sharing between districts", "IOM", "2–3"],
                ],
            ),
            S(
                "Pilot districts",
                [
                    "The first year pilots the referral pathway in one Sylhet-ward union and in two unions of "
                    "Cox's Bazar, where the district committees asked for support. Lessons will be shared with "
                    "the other committees before the pathway is extended.",
                ],
            ),
            S(
                "Monitoring",
                [
                    "The TWG will report to the Network every quarter. Indicators are illustrative in this demo: "
                    "number of committee members trained, cases referred within 72 hours, and cases reaching "
                    "court.",
                ],
            ),
        ],
    },
    {
        "title": "Standard operating procedures for the referral of child victims of trafficking",
        "kind": "tool",
        "abstract": "Step-by-step procedures for identifying, protecting and referring children who may have "
        "been trafficked, for district committees and social workers.",
        "authors": ["UNICEF", "UNODC"],
        "body": "ct",
        "gcm": [10, 12],
        "gp": ["h"],
        "sdg": ["8.7", "16.2"],
        "themes": ["Counter-trafficking in persons"],
        "vis": "network",
        "by": "member",
        "ago": 330,
        "fmt": "docx",
        "file": "sop-referral-child-victims-trafficking",
        "sections": [
            S(
                "Principles",
                [],
                bullets=[
                    "The best interests of the child come first.",
                    "A child is never detained for having been trafficked.",
                    "Information is shared only with those who need it to protect the child.",
                ],
            ),
            S(
                "Steps",
                [],
                table=[
                    ["Step", "Who", "Within"],
                    ["Identify and ensure immediate safety", "First responder", "Immediately"],
                    ["Inform the social worker", "First responder", "24 hours"],
                    ["Best-interests assessment", "Social worker", "72 hours"],
                    ["Care plan and family tracing", "Social worker, UNICEF partner", "7 days"],
                ],
            ),
        ],
    },
    {
        "title": "Guidance for district committees on identifying victims of trafficking",
        "kind": "tool",
        "abstract": "Indicators and interview guidance for members of district counter-trafficking "
        "committees, prepared with civil society. Sent for review by the secretariat.",
        "authors": ["UNODC", "UNHCR", "SATN"],
        "body": "ct",
        "gcm": [10, 12],
        "gp": ["d", "f"],
        "sdg": ["8.7", "16.2"],
        "themes": ["Counter-trafficking in persons"],
        "vis": "network",
        "by": "member",
        "state": "in_review",
        "ago": 9,
        "fmt": "docx",
        "file": "guidance-identifying-victims-district-committees",
        "sections": [
            S(
                "Indicators",
                [],
                bullets=[
                    "Deceived about the nature or conditions of the work.",
                    "Documents held by someone else.",
                    "Debt that cannot be repaid from the wages offered.",
                    "Restricted movement or communication.",
                ],
            ),
            S(
                "Interviewing",
                [
                    "Interview in a safe place, with an interpreter the person trusts, and explain what will "
                    "happen with the information. Never interview a child without a social worker.",
                ],
            ),
        ],
    },
    {
        "title": "Protection at sea: advocacy messages on onward movements from Cox's Bazar",
        "kind": "policy_brief",
        "abstract": "Messages for the Network's advocacy on refugees who move onwards by sea, the risks they "
        "face and the protection they need. For internal use; sent for review.",
        "authors": ["UNHCR"],
        "body": "ct",
        "gcm": [8, 9],
        "gp": ["f"],
        "sdg": ["10.7"],
        "themes": ["Counter-trafficking in persons", "Root causes of displacement"],
        "vis": "internal",
        "by": "member",
        "state": "in_review",
        "ago": 2,
        "fmt": "docx",
        "file": "protection-at-sea-advocacy-messages",
        "sections": [
            S(
                "Messages",
                [],
                bullets=[
                    "Saving lives at sea comes first: rescue and disembarkation without delay.",
                    "People rescued need screening and referral, not detention.",
                    "Smugglers and traffickers exploit despair: address the causes of onward movement.",
                ],
            )
        ],
    },
    # --- Diaspora, development, climate, social cohesion
    {
        "title": "Climate change, displacement and migration in coastal Bangladesh: research summary",
        "kind": "research",
        "abstract": "A summary of joint research on how cyclones, salinity and river erosion shape migration "
        "from coastal districts, and what it means for planning. Illustrative demo content.",
        "authors": ["UNDP", "IOM", "CMS"],
        "body": "md",
        "gcm": [2, 5],
        "gp": ["e"],
        "sdg": ["1.3", "10.7"],
        "themes": ["Root causes of displacement", "Migration and development"],
        "vis": "public",
        "by": "member",
        "ago": 260,
        "fmt": "pdf",
        "file": "climate-displacement-coastal-research-summary",
        "sections": [
            S(
                "Findings",
                [
                    "Households in the illustrative sample moved after repeated shocks rather than after a single "
                    "disaster. Young men moved first, to Dhaka or Chattogram; families followed when land was "
                    "lost to erosion.",
                    "Remittances helped households rebuild, but many migrants in cities lived in informal "
                    "settlements exposed to flooding.",
                ],
            ),
            S(
                "Implications",
                [],
                bullets=[
                    "Plan for mobility in climate adaptation, not only for staying.",
                    "Social protection that follows people when they move.",
                    "Safe and regular routes for those who choose to move.",
                ],
            ),
        ],
    },
    {
        "title": "Diaspora investment and remittances: options paper",
        "kind": "policy_paper",
        "abstract": "Options to lower the cost of sending money home and to channel diaspora savings into "
        "investment, for discussion in the Diaspora and Development TWG.",
        "authors": ["UNDP", "IOM", "BDL"],
        "body": "md",
        "gcm": [19, 20],
        "gp": ["e", "j"],
        "sdg": ["10.c", "17.18"],
        "themes": ["Diaspora and remittances"],
        "vis": "network",
        "by": "member",
        "ago": 40,
        "fmt": "docx",
        "file": "diaspora-investment-remittances-options",
        "sections": [
            S(
                "Options",
                [],
                bullets=[
                    "Price comparison for money transfers, published monthly.",
                    "Diaspora bonds with small denominations, sold through banks abroad.",
                    "Matching grants for community projects proposed by diaspora associations.",
                ],
            ),
            S(
                "Questions for the TWG",
                [
                    "Which options can the members support with existing programmes, and which need new funds?",
                ],
            ),
        ],
    },
    {
        "title": "Social cohesion between Rohingya refugees and host communities: research brief",
        "kind": "research",
        "abstract": "Findings of a perception study in host communities around the camps: trust, "
        "competition for work and services, and what eases tension. Sent for review.",
        "authors": ["UNHCR", "UNDP"],
        "body": None,
        "gcm": [16],
        "gp": ["a", "j"],
        "sdg": ["10.2"],
        "themes": ["Social cohesion"],
        "vis": "network",
        "by": "member",
        "state": "in_review",
        "ago": 11,
        "fmt": "docx",
        "file": "social-cohesion-rohingya-host-communities",
        "sections": [
            S(
                "Findings",
                [
                    "Host community respondents in the illustrative sample valued the jobs and markets the "
                    "response brought but worried about wages for day labour and about access to health "
                    "services. Joint activities, such as shared water points, were linked to higher trust.",
                ],
            )
        ],
    },
    {
        "title": "Statelessness and legal identity: policy brief",
        "kind": "policy_brief",
        "abstract": "Why legal identity documents matter for people on the move and for stateless people, and "
        "how birth registration and consular documentation can reach them.",
        "authors": ["UNHCR", "UNICEF"],
        "body": None,
        "gcm": [4],
        "gp": ["d", "f", "h"],
        "sdg": ["16.9"],
        "themes": ["Social cohesion"],
        "vis": "public",
        "by": "member",
        "ago": 400,
        "fmt": "pdf",
        "file": "statelessness-legal-identity-brief",
        "sections": [
            S(
                "Summary",
                [
                    "Without documents, people cannot go to school, work legally, open a bank account or travel "
                    "safely. Universal birth registration and consular documentation for nationals abroad are "
                    "the first steps; for stateless people, a path to nationality is needed.",
                ],
            ),
            S(
                "Recommendations",
                [],
                bullets=[
                    "Free and late birth registration in all districts.",
                    "Consular documentation for workers whose passports were confiscated.",
                ],
            ),
        ],
    },
    # --- The Network as a whole
    {
        "title": "Joint statement of the Network on International Migrants Day",
        "kind": "joint_statement",
        "abstract": "The Network's statement for International Migrants Day, adopted by silence procedure: "
        "lower recruitment costs, registration of intermediaries, access to justice and compensation.",
        "authors": ["IOM", "ILO", "UN Women", "UNODC"],
        "body": "plenary",
        "gcm": [6, 7, 23],
        "gp": ["a", "f"],
        "sdg": ["10.7"],
        "themes": ["Labour migration"],
        "vis": "public",
        "by": "member",
        "ago": 345,
        "fmt": "pdf",
        "file": "joint-statement-international-migrants-day",
        "sections": [
            S(
                "Statement",
                [
                    "On International Migrants Day, the UN Network on Migration in Bangladesh calls for safe, "
                    "orderly and regular migration that protects the rights of every migrant worker: lower "
                    "recruitment costs, registration of intermediaries, and access to justice and compensation "
                    "for migrants and their families.",
                    "The Network stands ready to support the Government of Bangladesh in implementing the Global "
                    "Compact for Safe, Orderly and Regular Migration.",
                ],
            )
        ],
    },
    {
        "title": "Submission to the Committee on Migrant Workers: list of issues prior to reporting",
        "kind": "submission",
        "abstract": "The UN Network's confidential input to the Committee on the Protection of the Rights of "
        "All Migrant Workers for the list of issues on Bangladesh's second periodic report.",
        "authors": ["OHCHR", "IOM", "ILO", "UN Women"],
        "body": "plenary",
        "gcm": [6, 7, 14, 17],
        "gp": ["d", "f"],
        "sdg": ["8.8", "10.7"],
        "themes": ["Labour migration"],
        "vis": "internal",
        "by": "member",
        "ago": 500,
        "fmt": "pdf",
        "file": "submission-cmw-list-of-issues",
        "sections": [
            S(
                "Background",
                [
                    "Bangladesh ratified the International Convention on the Protection of the Rights of All "
                    "Migrant Workers and Members of Their Families in 2011. The Committee adopted its concluding "
                    "observations on the initial report in April 2017; the second periodic report was due on "
                    "1 May 2022.",
                ],
            ),
            S(
                "Suggested questions",
                [],
                bullets=[
                    "What measures have been taken to regulate informal intermediaries and to stop double "
                    "charging of recruitment costs?",
                    "How are the families of migrant workers who die abroad informed and compensated?",
                    "Which bilateral agreements have been concluded, and are they published?",
                    "How are women domestic workers protected before departure and abroad?",
                ],
            ),
        ],
    },
    {
        "title": "Work plan priorities: summary of the written consultation",
        "kind": "meeting_document",
        "abstract": "The members' answers to the written consultation on next year's priorities, with the "
        "secretariat's summary, for the next Network meeting.",
        "authors": ["IOM"],
        "body": "plenary",
        "gcm": [23],
        "gp": ["i", "j"],
        "sdg": ["17.18"],
        "themes": ["Migration and development"],
        "vis": "internal",
        "by": "member",
        "ago": 1,
        "fmt": "docx",
        "file": "work-plan-priorities-consultation-summary",
        "sections": [
            S(
                "Answers received",
                [],
                table=[
                    ["Member", "Position", "Comment"],
                    ["IOM, ILO, UN Women, UNDP", "Agree", ""],
                    ["UNHCR", "Stand aside", ""],
                    ["OHCHR", "Object", "Add the follow-up of the Special Rapporteur's recommendations."],
                ],
            ),
            S(
                "Secretariat's summary",
                [
                    "Most members agree with the five priorities. The secretariat proposes to add the follow-up "
                    "of the human rights mechanisms' recommendations under priority 2.",
                ],
            ),
        ],
    },
    {
        "title": "Civil society priorities for the national GCM action plan",
        "kind": "policy_brief",
        "abstract": "What the Civil Society Alliance on Migration asks the national GCM action plan to "
        "include, from consultations with its member organisations. Sent for review.",
        "authors": ["CSAM", "NOF"],
        "body": None,
        "gcm": [3, 6, 21, 23],
        "gp": ["a", "j"],
        "sdg": ["10.7"],
        "themes": ["Migration and development"],
        "vis": "public",
        "by": "partner",
        "state": "in_review",
        "ago": 7,
        "fmt": "docx",
        "file": "civil-society-priorities-gcm-action-plan",
        "sections": [
            S(
                "Priorities",
                [],
                bullets=[
                    "Migrants' organisations at the table when the plan is monitored.",
                    "Information centres in every upazila with high migration.",
                    "Reintegration support that starts before return.",
                ],
            )
        ],
    },
    {
        "title": "Migrant workers' deaths abroad and compensation for families: draft brief",
        "kind": "policy_brief",
        "abstract": "A draft brief on how families learn of a migrant worker's death abroad, bring the body "
        "home and claim compensation. Returned by the secretariat with comments.",
        "authors": ["WMWA", "CSAM"],
        "body": "lm",
        "gcm": [8, 14, 22],
        "gp": ["a", "f"],
        "sdg": ["8.8"],
        "themes": ["Labour migration"],
        "vis": "public",
        "by": "partner",
        "state": "returned",
        "ago": 12,
        "fmt": "docx",
        "file": "migrant-deaths-compensation-draft",
        "mark": "DRAFT",
        "comment": "Thank you, this is an important brief. Before publication: (1) remove the names of the "
        "families in annex 2, as their consent is not recorded; (2) give the source of the figures in table 1, "
        "or mark them as illustrative; (3) align the recommendations with para 118 (x) and (y) of the Special "
        "Rapporteur's report (A/HRC/53/26/Add.3).",
        "sections": [
            S(
                "What families face",
                [
                    "Families often learn of a death through other workers rather than officially. Bringing the "
                    "body home can take weeks, and the cause of death is rarely investigated.",
                ],
            ),
            S(
                "Table 1",
                [],
                table=[
                    ["Year", "Deaths reported", "Claims paid"],
                    ["Year 1", "—", "—"],
                    ["Year 2", "—", "—"],
                ],
            ),
        ],
    },
    {
        "title": "Global Compact for Safe, Orderly and Regular Migration (A/RES/73/195)",
        "kind": "other",
        "abstract": "The text of the Global Compact, as adopted by the General Assembly on 19 December 2018: "
        "its 23 objectives and 10 guiding principles. A link to the official document.",
        "authors": [],
        "body": None,
        "gcm": [],
        "gp": ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"],
        "sdg": ["10.7"],
        "themes": [],
        "vis": "public",
        "by": "member",
        "ago": 700,
        "fmt": "link",
        "link": "https://undocs.org/A/RES/73/195",
        "date": "2018-12-19",
    },
    # --- In Bangla
    {
        "title": "নিরাপদ অভিবাসন: বিদেশগামী কর্মীদের জন্য তথ্য নির্দেশিকা",
        "kind": "tool",
        "language": "bn",
        "abstract": "বিদেশে কাজের জন্য যাওয়ার আগে কর্মীদের যা জানা দরকার: নিবন্ধন, চুক্তি, খরচ, প্রতারণা থেকে সাবধানতা "
        "এবং বিপদে সাহায্য পাওয়ার উপায়। প্রদর্শনের জন্য তৈরি নমুনা।",
        "authors": ["IOM", "NOF"],
        "body": "lm",
        "gcm": [3, 6],
        "gp": ["a"],
        "sdg": ["10.7"],
        "themes": ["Labour migration"],
        "vis": "public",
        "by": "partner",
        "ago": 230,
        "fmt": "pdf",
        "file": "nirapod-obhibashon-tottho-nirdeshika",
        "sections": [
            S(
                "যাওয়ার আগে",
                [
                    "বিদেশে কাজের প্রস্তাব পেলে প্রথমে নিশ্চিত হোন যে রিক্রুটিং এজেন্সি সরকারের লাইসেন্সপ্রাপ্ত। "
                    "চুক্তিপত্র নিজের ভাষায় পড়ে বুঝে নিন এবং প্রতিটি টাকার রসিদ নিন।",
                ],
                bullets=[
                    "জনশক্তি অফিসে নিবন্ধন করুন।",
                    "প্রাক-বহির্গমন প্রশিক্ষণে অংশ নিন।",
                    "পাসপোর্টের কপি পরিবারের কাছে রাখুন।",
                ],
            ),
            S(
                "বিপদে পড়লে",
                ["দূতাবাসের শ্রম শাখা বা কল্যাণ ডেস্কে যোগাযোগ করুন। দেশে ফিরে এলেও অভিযোগ করা যায়।"],
            ),
        ],
    },
    {
        "title": "নারী অভিবাসী কর্মীদের অধিকার: নীতি সংক্ষেপ",
        "kind": "policy_brief",
        "language": "bn",
        "abstract": "গৃহকর্মে নিয়োজিত নারী অভিবাসী কর্মীদের সুরক্ষা, মজুরি ও ন্যায়বিচার পাওয়ার পথে বাধা এবং করণীয় "
        "বিষয়ে নীতি সংক্ষেপ। প্রদর্শনের জন্য তৈরি নমুনা।",
        "authors": ["UN Women", "WMWA"],
        "body": "lm",
        "gcm": [6, 7],
        "gp": ["g"],
        "sdg": ["5.2", "8.8"],
        "themes": ["Labour migration"],
        "vis": "public",
        "by": "partner",
        "ago": 175,
        "fmt": "docx",
        "file": "nari-obhibashi-kormi-odhikar",
        "sections": [
            S(
                "মূল বার্তা",
                [
                    "নারী অভিবাসী কর্মীরা প্রায়ই নিয়োগকর্তার বাড়িতে থাকেন এবং সাহায্য চাওয়ার সুযোগ পান না। "
                    "নদীবন্দর এলাকার একটি দৃষ্টান্তমূলক উদাহরণে দেখা যায়, ফিরে আসা কর্মীরা বকেয়া মজুরির অভিযোগ "
                    "করতে পারেননি কারণ অভিযোগের সময়সীমা পার হয়ে গিয়েছিল।",
                ],
            ),
            S(
                "সুপারিশ",
                [],
                bullets=[
                    "প্রধান গন্তব্য দেশের দূতাবাসে নারী কল্যাণ কর্মকর্তা নিয়োগ।",
                    "দেশে ফেরার পরও মজুরির দাবি জানানোর সুযোগ।",
                    "জেলা পর্যায়ে আইনি সহায়তা ও আশ্রয়ের জন্য রেফারেল।",
                ],
            ),
        ],
    },
    {
        "title": "মানব পাচার প্রতিরোধ: জেলা কমিটির জন্য সচেতনতা বার্তা",
        "kind": "tool",
        "language": "bn",
        "abstract": "জেলা ও উপজেলা মানব পাচার প্রতিরোধ কমিটির সদস্যদের জন্য সচেতনতামূলক বার্তা ও আলোচনার নির্দেশনা।",
        "authors": ["UNODC", "SATN"],
        "body": "ct",
        "gcm": [10],
        "gp": ["f", "h"],
        "sdg": ["8.7", "16.2"],
        "themes": ["Counter-trafficking in persons"],
        "vis": "network",
        "by": "partner",
        "ago": 280,
        "fmt": "pdf",
        "file": "manob-pachar-protirodh-sochetonota-barta",
        "sections": [
            S(
                "বার্তা",
                [],
                bullets=[
                    "ভালো চাকরির লোভনীয় প্রস্তাব যাচাই করুন।",
                    "অচেনা দালালের হাতে পাসপোর্ট দেবেন না।",
                    "সন্দেহ হলে স্থানীয় কমিটি বা পুলিশকে জানান।",
                ],
            ),
        ],
    },
    {
        "title": "আন্তর্জাতিক অভিবাসী দিবসে নেটওয়ার্কের যৌথ বিবৃতি",
        "kind": "joint_statement",
        "language": "bn",
        "abstract": "আন্তর্জাতিক অভিবাসী দিবস উপলক্ষে নেটওয়ার্কের যৌথ বিবৃতির বাংলা অনুবাদ।",
        "authors": ["IOM", "ILO", "UN Women", "UNODC"],
        "body": "plenary",
        "gcm": [6, 23],
        "gp": ["a", "f"],
        "sdg": ["10.7"],
        "themes": ["Labour migration"],
        "vis": "public",
        "by": "member",
        "ago": 344,
        "fmt": "docx",
        "file": "joutho-bibriti-antorjatik-obhibashi-dibosh",
        "sections": [
            S(
                "বিবৃতি",
                [
                    "আন্তর্জাতিক অভিবাসী দিবসে বাংলাদেশে জাতিসংঘ অভিবাসন নেটওয়ার্ক নিরাপদ, সুশৃঙ্খল ও নিয়মিত অভিবাসনের "
                    "আহ্বান জানায়: নিয়োগ ব্যয় কমানো, মধ্যস্থতাকারীদের নিবন্ধন, এবং অভিবাসী ও তাদের পরিবারের জন্য "
                    "ন্যায়বিচার ও ক্ষতিপূরণ।",
                ],
            )
        ],
    },
    {
        "title": "প্রত্যাবর্তনকারী অভিবাসী কর্মীদের পুনঃএকীকরণ: গবেষণা সারসংক্ষেপ",
        "kind": "research",
        "language": "bn",
        "abstract": "দেশে ফেরা অভিবাসী কর্মীদের কাজ, ঋণ ও মানসিক স্বাস্থ্য বিষয়ে একটি দৃষ্টান্তমূলক গবেষণার সারসংক্ষেপ। খসড়া।",
        "authors": ["IOM", "CMS"],
        "body": "md",
        "gcm": [21],
        "gp": ["a"],
        "sdg": ["8.5"],
        "themes": ["Migration and development"],
        "vis": "network",
        "by": "member",
        "state": "draft",
        "ago": 5,
        "fmt": "docx",
        "file": "protyaborton-punoekikoron-gobeshona",
        "mark": "খসড়া",
        "sections": [
            S(
                "প্রধান ফলাফল",
                [
                    "দৃষ্টান্তমূলক নমুনার বেশিরভাগ কর্মী ফেরার পর প্রথম বছরে স্থায়ী কাজ পাননি এবং অনেকে "
                    "অভিবাসনের খরচ মেটাতে নেওয়া ঋণ তখনও শোধ করছিলেন।",
                ],
            )
        ],
    },
    {
        "title": "Gender-responsive pre-departure orientation: trainers' deck",
        "kind": "training",
        "abstract": "Slides for trainers at technical training centres running the pre-departure orientation, "
        "with sessions on rights, money, health and where to get help.",
        "authors": ["UN Women", "IOM"],
        "body": "lm",
        "gcm": [3, 6],
        "gp": ["g"],
        "sdg": ["5.2", "10.7"],
        "themes": ["Labour migration"],
        "vis": "public",
        "by": "member",
        "ago": 160,
        "fmt": "pptx",
        "file": "gender-responsive-pre-departure-orientation",
        "slides": [
            ("Your rights at work", ["Your contract and your wages", "Rest days and working hours"]),
            ("Your money", ["Sending money home safely", "Keeping records of what you paid"]),
            ("Where to get help", ["The embassy's welfare desk", "Hotlines and trusted contacts"]),
        ],
        "notes": "Use the invented case stories in the annex; do not use real names.",
    },
]

# Capacity-building requests: who asks (a Government body by acronym, or a demo organisation), the steps
# after "received" (status, days after receipt, note), the supporting organisations and resulting resources.
REQUESTS: list[dict] = [
    {
        "title": "Training for labour attachés on fair recruitment and recruitment fees",
        "government_body": "MoEWOE",
        "description": "The Ministry asks for a course for newly posted labour attachés and welfare officers on "
        "fair recruitment, the ILO definition of recruitment fees and handling workers' complaints.",
        "contact": "Deputy Secretary, Employment Wing (demo)",
        "gcm": [6, 14],
        "urgency": "high",
        "ago": 300,
        "supporting": ["ILO", "IOM", "UN Women"],
        "steps": [
            (
                "triaged",
                6,
                "Within the Network's mandate (ToR objective 4). The Labour Migration TWG to lead.",
            ),
            (
                "matched",
                20,
                "ILO and IOM will deliver a two-day course; UN Women adds a session on women "
                "migrant workers.",
            ),
            (
                "in_delivery",
                95,
                "Course held in Dhaka for 24 labour attachés and welfare officers (illustrative).",
            ),
            (
                "delivered",
                115,
                "Course slides and the attachés' checklist are in the library; a follow-up "
                "survey of participants is planned in six months.",
            ),
        ],
        "resources": [
            "Training of labour attachés on fair recruitment: course slides",
            "Checklist for labour attachés: recruitment fees and related costs",
        ],
    },
    {
        "title": "Analysis of returnee registration data at district employment offices",
        "government_body": "BMET",
        "description": "The Bureau asks for help to clean and analyse the returnee registration data kept at "
        "district employment and manpower offices, and to publish a quarterly summary.",
        "contact": "Director, Research and Statistics (demo)",
        "gcm": [1, 21],
        "urgency": "medium",
        "ago": 150,
        "supporting": ["IOM", "UNDP"],
        "steps": [
            (
                "triaged",
                10,
                "Fits the Network's data priority; shared with the Diaspora and Development TWG.",
            ),
            ("matched", 35, "IOM leads with UNDP's statistics adviser; BBS to be consulted."),
            (
                "in_delivery",
                70,
                "Data cleaning under way in four pilot districts; first summary expected next quarter.",
            ),
        ],
        "resources": [],
    },
    {
        "title": "Victim identification training for district counter-trafficking committees",
        "government_body": "MoHA",
        "description": "The Ministry asks for training of district counter-trafficking committee members in "
        "Cox's Bazar and Jashore on identifying victims and referring them to services.",
        "contact": "Joint Secretary, Public Security Division (demo)",
        "gcm": [10, 12],
        "urgency": "high",
        "ago": 80,
        "supporting": ["UNODC", "IOM", "SATN"],
        "steps": [
            ("triaged", 3, "Urgent: the committees meet next month. Counter-Trafficking TWG to lead."),
            (
                "matched",
                18,
                "UNODC leads, with IOM and the Shurokkha Anti-Trafficking Network for the "
                "community sessions.",
            ),
        ],
        "resources": [],
    },
    {
        "title": "Review of the procedure for compensating families of migrant workers who die abroad",
        "government_body": "WEWB",
        "description": "The Board asks for a review of its compensation procedure, how families are informed, "
        "and the documents they must provide.",
        "contact": "Director, Welfare (demo)",
        "gcm": [14, 22],
        "urgency": "medium",
        "ago": 30,
        "supporting": [],
        "steps": [
            (
                "triaged",
                5,
                "Shared with the Labour Migration TWG; ILO and the Women Migrant Workers' "
                "Association asked whether they can support.",
            ),
        ],
        "resources": [],
    },
    {
        "title": "Training of union organisers on migrant workers' rights before departure and on return",
        "requester": "NWF",
        "description": "The Federation asks for a training of trainers for its district organisers, so that "
        "they can advise workers before departure and on return.",
        "contact": "Organising Secretary (demo)",
        "gcm": [6, 22],
        "urgency": "low",
        "ago": 6,
        "supporting": [],
        "steps": [],
        "resources": [],
    },
    {
        "title": "Funding of passport printing equipment for regional passport offices",
        "government_body": "DIP",
        "description": "The Department asks the Network to fund new passport printing equipment for four "
        "regional passport offices.",
        "contact": "Director, Passports (demo)",
        "gcm": [4],
        "urgency": "medium",
        "ago": 200,
        "supporting": [],
        "steps": [
            ("triaged", 8, "Checked against the Network's capacity-building support."),
            (
                "declined",
                21,
                "Procurement of equipment is outside the capacity-building support the Network "
                "offers; referred to the development partners' coordination group. IOM offered advice on "
                "document security instead.",
            ),
        ],
        "resources": [],
    },
]

# Library documents for the agenda items of the next Network meeting (agenda item title → resource titles).
AGENDA = {
    "Results of the written consultation on the work plan priorities": [
        "Work plan priorities: summary of the written consultation"
    ],
    "Labour Migration TWG: co-chairs for the next term": [
        "Labour Migration TWG: annual progress report to the Network",
        "Towards fair and ethical labour migration from Bangladesh: a policy paper",
    ],
    "Counter-Trafficking TWG: progress report": ["Counter-trafficking in persons: TWG action plan"],
    "Labour Migration TWG: progress report": ["Labour Migration TWG: annual progress report to the Network"],
    "Women migrant workers: gender-responsive migration governance": [
        "Women migrant workers and access to justice: policy brief"
    ],
    "আন্তর্জাতিক অভিবাসী দিবস: যৌথ কার্যক্রমের পরিকল্পনা": ["আন্তর্জাতিক অভিবাসী দিবসে নেটওয়ার্কের যৌথ বিবৃতি"],
}
