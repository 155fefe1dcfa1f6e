//! Exemption and deferral as data: Law «On Education», art. 47 p. 17-2. The proof documents
//! are our reading (domain.md), so they sit in one table here rather than in the workflow.

use chrono::{Datelike, NaiveDate};

use crate::classifiers::classifier_enum;

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

/// Exemption is granted only in the graduation year (art. 47 p. 17-2): a decision dated in
/// another year cannot exempt.
pub fn exemption_allowed(graduation_year: i32, decision_date: NaiveDate) -> bool {
    decision_date.year() == graduation_year
}
