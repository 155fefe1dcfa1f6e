//! Exemption and deferral as data: Law «On Education», art. 47 p. 17-2. The proof documents
//! are our reading (domain.md), so they sit in one table here rather than in the workflow.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::i18n::Text;

/// A ground on which the commission exempts a graduate from working off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExemptionGround {
    /// No vacancy in the locality where the spouse lives, works or serves.
    SpouseLocality,
    /// Disability of group I or II.
    Disability,
    /// Admitted to residency, master's or doctorate on the state order.
    FurtherStudy,
    /// Pregnancy; having, or raising alone, a child under three.
    PregnancyOrYoungChild,
}

/// A document a graduate brings as proof.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProofDocument {
    MarriageCertificate,
    SpouseWorkOrResidenceCertificate,
    NoVacancyLetter,
    DisabilityCertificate,
    AdmissionOrder,
    MedicalCertificate,
    ChildBirthCertificate,
}

/// A ground for deferring the term: military service, for its time, which does not count
/// toward the term.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum DeferralReason {
    #[serde(rename = "military_conscription")]
    Conscription,
    #[serde(rename = "military_enlistment")]
    Enlistment,
}

impl ExemptionGround {
    pub const ALL: [ExemptionGround; 4] = [
        ExemptionGround::SpouseLocality,
        ExemptionGround::Disability,
        ExemptionGround::FurtherStudy,
        ExemptionGround::PregnancyOrYoungChild,
    ];

    pub const fn code(self) -> &'static str {
        match self {
            ExemptionGround::SpouseLocality => "spouse_locality",
            ExemptionGround::Disability => "disability",
            ExemptionGround::FurtherStudy => "further_study",
            ExemptionGround::PregnancyOrYoungChild => "pregnancy_or_young_child",
        }
    }

    pub fn label(self) -> Text {
        let (kk, ru) = match self {
            ExemptionGround::SpouseLocality => (
                "Жұбайы тұратын, жұмыс істейтін немесе қызмет ететін елді мекенде бос жұмыс орнының болмауы",
                "Отсутствие вакансии в населённом пункте, где проживает, работает или служит супруг(а)",
            ),
            ExemptionGround::Disability => ("I немесе II топтағы мүгедектік", "Инвалидность I или II группы"),
            ExemptionGround::FurtherStudy => (
                "Мемлекеттік білім беру тапсырысы бойынша резидентураға, магистратураға немесе \
                 докторантураға оқуға түсу",
                "Поступление на обучение по государственному образовательному заказу в резидентуру, \
                 магистратуру или докторантуру",
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
    pub const fn code(self) -> &'static str {
        match self {
            ProofDocument::MarriageCertificate => "marriage_certificate",
            ProofDocument::SpouseWorkOrResidenceCertificate => "spouse_work_or_residence_certificate",
            ProofDocument::NoVacancyLetter => "no_vacancy_letter",
            ProofDocument::DisabilityCertificate => "disability_certificate",
            ProofDocument::AdmissionOrder => "admission_order",
            ProofDocument::MedicalCertificate => "medical_certificate",
            ProofDocument::ChildBirthCertificate => "child_birth_certificate",
        }
    }

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
    pub const ALL: [DeferralReason; 2] = [DeferralReason::Conscription, DeferralReason::Enlistment];

    pub const fn code(self) -> &'static str {
        match self {
            DeferralReason::Conscription => "military_conscription",
            DeferralReason::Enlistment => "military_enlistment",
        }
    }

    pub fn label(self) -> Text {
        let (kk, ru) = match self {
            DeferralReason::Conscription => {
                ("Мерзімді әскери қызметке шақырылу", "Призыв на срочную воинскую службу")
            }
            DeferralReason::Enlistment => {
                ("Келісімшарт бойынша әскери қызметке кіру", "Поступление на воинскую службу по контракту")
            }
        };
        Text::new(kk, ru)
    }
}

/// Exemption is granted only in the graduation year (art. 47 p. 17-2): a decision dated in
/// another year cannot exempt.
pub fn exemption_allowed(graduation_year: i32, decision_date: NaiveDate) -> bool {
    decision_date.year() == graduation_year
}
