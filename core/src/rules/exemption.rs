//! Exemption and deferral as data: Law «On Education», art. 47 p. 17-2. The proof documents
//! are our reading (domain.md), so they sit in one table here rather than in the workflow.

use chrono::{Datelike, NaiveDate};

use crate::classifiers::classifier_enum;
use crate::i18n::Text;

classifier_enum! {
    /// A ground on which the commission exempts a graduate from working off (art. 47 p. 17-2):
    /// no vacancy in the spouse's locality; disability of group I or II; admitted to a master's
    /// or doctoral programme (on any basis) or to residency on the state order; pregnancy, or a
    /// child under three.
    pub enum ExemptionGround {
        SpouseLocality => "spouse_locality",
        Disability => "disability",
        FurtherStudy => "further_study",
        PregnancyOrYoungChild => "pregnancy_or_young_child",
    }
}

classifier_enum! {
    /// A document a graduate brings as proof.
    pub enum ProofDocument {
        MarriageCertificate => "marriage_certificate",
        SpouseWorkOrResidenceCertificate => "spouse_work_or_residence_certificate",
        NoVacancyLetter => "no_vacancy_letter",
        DisabilityCertificate => "disability_certificate",
        AdmissionOrder => "admission_order",
        MedicalCertificate => "medical_certificate",
        ChildBirthCertificate => "child_birth_certificate",
    }
}

classifier_enum! {
    /// A ground for deferring the term, for its time, which does not count toward the term.
    /// The law names conscript (срочная) service only; contract service was offered before and
    /// stays readable, so that such deferrals are kept and flagged for the commission's review.
    pub enum DeferralReason {
        Conscription => "military_conscription",
        Contract => "military_enlistment",
    }
}

impl DeferralReason {
    /// The grounds a new deferral may be decided on.
    pub const OFFERED: &'static [DeferralReason] = &[DeferralReason::Conscription];

    pub fn in_law(self) -> bool {
        Self::OFFERED.contains(&self)
    }
}

impl ExemptionGround {
    pub fn label(self) -> Text {
        let (kk, ru) = match self {
            ExemptionGround::SpouseLocality => (
                "Жұбайы тұратын, жұмыс істейтін немесе қызмет ететін елді мекенде бос жұмыс орнының болмауы",
                "Отсутствие вакансии в населённом пункте, где проживает, работает или служит супруг(а)",
            ),
            ExemptionGround::Disability => ("I немесе II топтағы мүгедектік", "Инвалидность I или II группы"),
            ExemptionGround::FurtherStudy => (
                "Магистратураға, докторантураға одан әрі оқуға түсу немесе мемлекеттік білім беру \
                 тапсырысы негізінде резидентураға түсу",
                "Поступление на дальнейшее обучение в магистратуру, докторантуру или в резидентуру \
                 на основе государственного образовательного заказа",
            ),
            ExemptionGround::PregnancyOrYoungChild => (
                "Жүктілік, үш жасқа дейінгі баланың болуы немесе оны жалғыз тәрбиелеу",
                "Беременность, наличие ребёнка до трёх лет или его воспитание в одиночку",
            ),
        };
        Text::new(kk, ru)
    }

    /// What the ground needs: every group, and in each group one of its documents.
    pub fn proofs(self) -> &'static [&'static [ProofDocument]] {
        use ProofDocument::*;
        match self {
            ExemptionGround::SpouseLocality => {
                &[&[MarriageCertificate], &[SpouseWorkOrResidenceCertificate], &[NoVacancyLetter]]
            }
            ExemptionGround::Disability => &[&[DisabilityCertificate]],
            ExemptionGround::FurtherStudy => &[&[AdmissionOrder]],
            ExemptionGround::PregnancyOrYoungChild => &[&[MedicalCertificate, ChildBirthCertificate]],
        }
    }

    /// The groups of [`ExemptionGround::proofs`] that `have` does not yet satisfy.
    pub fn missing_proofs(self, have: &[ProofDocument]) -> Vec<&'static [ProofDocument]> {
        self.proofs().iter().copied().filter(|group| !group.iter().any(|d| have.contains(d))).collect()
    }
}

impl ProofDocument {
    pub fn label(self) -> Text {
        let (kk, ru) = match self {
            ProofDocument::MarriageCertificate => {
                ("Неке қию туралы куәлік", "Свидетельство о заключении брака")
            }
            ProofDocument::SpouseWorkOrResidenceCertificate => (
                "Жұбайының жұмыс (қызмет) орнынан немесе тұрғылықты жерінен анықтама",
                "Справка с места работы (службы) или жительства супруга(и)",
            ),
            ProofDocument::NoVacancyLetter => (
                "Елді мекенде бос жұмыс орны жоқ екені туралы хат",
                "Письмо об отсутствии вакансий в населённом пункте",
            ),
            ProofDocument::DisabilityCertificate => {
                ("I немесе II топтағы мүгедектік туралы анықтама", "Справка об инвалидности I или II группы")
            }
            ProofDocument::AdmissionOrder => {
                ("Оқуға қабылдау туралы бұйрық", "Приказ о зачислении на обучение")
            }
            ProofDocument::MedicalCertificate => {
                ("Жүктілік туралы медициналық анықтама", "Медицинская справка о беременности")
            }
            ProofDocument::ChildBirthCertificate => {
                ("Баланың туу туралы куәлігі", "Свидетельство о рождении ребёнка")
            }
        };
        Text::new(kk, ru)
    }
}

impl DeferralReason {
    pub fn label(self) -> Text {
        let (kk, ru) = match self {
            DeferralReason::Conscription => {
                ("Мерзімді әскери қызметке шақырылу", "Призыв на срочную воинскую службу")
            }
            DeferralReason::Contract => (
                "Келісімшарт бойынша әскери қызмет (заңда көзделмеген: комиссия қайта қарауы керек)",
                "Воинская служба по контракту (не предусмотрена законом: требует пересмотра комиссией)",
            ),
        };
        Text::new(kk, ru)
    }
}

/// Exemption is granted only in the graduation year (art. 47 p. 17-2): a decision dated in
/// another year cannot exempt.
pub fn exemption_allowed(graduation_year: i32, decision_date: NaiveDate) -> bool {
    decision_date.year() == graduation_year
}
