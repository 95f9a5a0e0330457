/**
 * The staff directory page (directory.ts): its part of the workspace catalogue (messages.ts spreads `en`
 * and `hy`; the Armenian part is typed by the English keys).
 */
export const en = {
  navDirectory: 'Staff directory',
  directoryTitle: 'Staff directory',
  directoryCaption: 'Appointed in {community}',
  directoryNationalCaption: 'Ministry officials and auditors',
  directoryNone: 'Nobody is appointed in this community yet.',
  directoryHeadNote: 'A head of community is appointed by the ministry.',
  directoryChooseCommunity: 'Show the staff of a community',
  colName: 'Name',
  colRole: 'Role',
  colPersonalId: 'Public service number',
  colAppointedOn: 'Appointed',
  'field.personalId': 'Public service number (10 digits)',
  'field.role': 'Role',
  'field.name': 'Full name',
  'choice.role.staff': 'Member of staff',
  'choice.role.head': 'Head of community',
  'choice.role.council': 'Council member',
  'command.appointStaff': 'Appoint',
  'command.dismissStaff': 'Dismiss',
};

export const hy: Readonly<Record<keyof typeof en, string>> = {
  navDirectory: 'Աշխատակազմի ցանկ',
  directoryTitle: 'Աշխատակազմի ցանկ',
  directoryCaption: 'Նշանակված են՝ {community}',
  directoryNationalCaption: 'Նախարարության պաշտոնատար անձինք և աուդիտորներ',
  directoryNone: 'Այս համայնքում դեռ ոչ ոք նշանակված չէ։',
  directoryHeadNote: 'Համայնքի ղեկավարին նշանակում է նախարարությունը։',
  directoryChooseCommunity: 'Ցույց տալ համայնքի աշխատակազմը',
  colName: 'Անուն',
  colRole: 'Դեր',
  colPersonalId: 'ՀԾՀ',
  colAppointedOn: 'Նշանակվել է',
  'field.personalId': 'Հանրային ծառայությունների համարանիշ (ՀԾՀ, 10 թվանշան)',
  'field.role': 'Դեր',
  'field.name': 'Անուն, ազգանուն',
  'choice.role.staff': 'Աշխատակազմի անդամ',
  'choice.role.head': 'Համայնքի ղեկավար',
  'choice.role.council': 'Ավագանու անդամ',
  'command.appointStaff': 'Նշանակել (Appoint)',
  'command.dismissStaff': 'Ազատել (Dismiss)',
};
