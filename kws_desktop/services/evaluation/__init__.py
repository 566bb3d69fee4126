"""How well the group works: surveys, service after handover, partners, trainings, the performance
report.

Modules and their public calls:

- `partners`: The partner register: who the group works with, their agreements (MoU/SPK/PKS), and
  the work and money that came through each partner.
  kind_label, PartnerInput, AgreementInput, AgreementRow, PartnerFlow, PartnerRow, PartnerView,
  partner_flow, read_partner, get_partner, list_partners, count_partners, list_agreements,
  add_partner_in, save_partner, add_agreement_in, save_agreement
- `performance`: Laporan Kinerja KWS: the group's performance for a period, in the evaluation's
  terms (quality of products and service, capacity of members, partnerships, gender).
  UnitsInMonth, TopicCount, PartnerFigures, Leader, Performance, ratio, read_performance,
  performance, tiles, charts, report_rows, build_performance_report, performance_report
- `service_visits`: Service after handover: warranty per work package, complaints and service
  visits.
  ComplaintInput, VisitInput, VisitRow, ComplaintRow, ComplaintView, set_package_warranty,
  package_warranties, warranty_months, warranty_until, read_complaint, get_complaint,
  list_complaints, count_complaints, report_complaint_in, report_complaint, add_visit_in,
  add_visit, resolve_in, resolve_complaint, void_visit
- `surveys`: Site surveys on a quote or an order, with the advised septic tank (core.sanitation,
  after SNI 2398:2017) and a warning when a well is closer than the standard's minimum distance.
  SurveyInput, SurveyAdvice, SurveyRow, advise, read_survey, get_survey, survey_for, list_surveys,
  count_surveys, add_survey, save_survey
- `trainings`: Training records per member: topic, organiser, dates, certificate.
  topic_label, TrainingInput, TrainingRow, read_training, add_training_in, save_training,
  delete_training, list_trainings, count_trainings
"""
