import type { MailLanguage } from '@tenantry/provisioning';
import { mailLanguage } from '@tenantry/provisioning';

/** Subject and plain-text body of one mail. */
export interface RenderedMail {
  subject: string;
  text: string;
}

/** The invitation mail (docs/product.md#invitations): a link to accept and choose a password, valid for `hours`. */
export function invitationMail(language: string, vars: { firstName: string; organisation: string; link: string; hours: number }): RenderedMail {
  const { firstName, organisation, link, hours } = vars;
  const texts: Record<MailLanguage, RenderedMail> = {
    en: {
      subject: `You are invited to ${organisation}`,
      text: `Hello ${firstName},\n\nYou are invited to join ${organisation}. Choose your password to accept:\n${link}\n\nThe link works once and expires in ${hours} hours.`,
    },
    de: {
      subject: `Einladung zu ${organisation}`,
      text: `Hallo ${firstName},\n\nSie sind zu ${organisation} eingeladen. Wählen Sie Ihr Passwort, um die Einladung anzunehmen:\n${link}\n\nDer Link gilt einmal und läuft in ${hours} Stunden ab.`,
    },
    nl: {
      subject: `Je bent uitgenodigd voor ${organisation}`,
      text: `Hallo ${firstName},\n\nJe bent uitgenodigd voor ${organisation}. Kies je wachtwoord om de uitnodiging te accepteren:\n${link}\n\nDe link werkt één keer en verloopt over ${hours} uur.`,
    },
    fr: {
      subject: `Invitation à rejoindre ${organisation}`,
      text: `Bonjour ${firstName},\n\nVous êtes invité(e) à rejoindre ${organisation}. Choisissez votre mot de passe pour accepter :\n${link}\n\nLe lien ne fonctionne qu'une fois et expire dans ${hours} heures.`,
    },
    es: {
      subject: `Invitación a ${organisation}`,
      text: `Hola ${firstName}:\n\nTe han invitado a ${organisation}. Elige tu contraseña para aceptar:\n${link}\n\nEl enlace funciona una vez y caduca en ${hours} horas.`,
    },
  };
  return texts[mailLanguage(language)];
}

/** The password-reset mail: a single-use link valid for `minutes`. */
export function passwordResetMail(language: string, vars: { firstName: string; username: string; link: string; minutes: number }): RenderedMail {
  const { firstName, username, link, minutes } = vars;
  const texts: Record<MailLanguage, RenderedMail> = {
    en: {
      subject: 'Reset your password',
      text: `Hello ${firstName},\n\nSomebody asked to reset the password of ${username}. Choose a new one here:\n${link}\n\nThe link works once and expires in ${minutes} minutes. If it was not you, ignore this mail.`,
    },
    de: {
      subject: 'Passwort zurücksetzen',
      text: `Hallo ${firstName},\n\njemand möchte das Passwort von ${username} zurücksetzen. Wählen Sie hier ein neues:\n${link}\n\nDer Link gilt einmal und läuft in ${minutes} Minuten ab. Waren Sie es nicht, ignorieren Sie diese Mail.`,
    },
    nl: {
      subject: 'Wachtwoord opnieuw instellen',
      text: `Hallo ${firstName},\n\nIemand wil het wachtwoord van ${username} opnieuw instellen. Kies hier een nieuw wachtwoord:\n${link}\n\nDe link werkt één keer en verloopt over ${minutes} minuten. Was jij het niet, negeer dan deze mail.`,
    },
    fr: {
      subject: 'Réinitialisez votre mot de passe',
      text: `Bonjour ${firstName},\n\nQuelqu'un a demandé à réinitialiser le mot de passe de ${username}. Choisissez-en un nouveau ici :\n${link}\n\nLe lien ne fonctionne qu'une fois et expire dans ${minutes} minutes. Si ce n'était pas vous, ignorez ce mail.`,
    },
    es: {
      subject: 'Restablece tu contraseña',
      text: `Hola ${firstName}:\n\nAlguien ha pedido restablecer la contraseña de ${username}. Elige una nueva aquí:\n${link}\n\nEl enlace funciona una vez y caduca en ${minutes} minutos. Si no fuiste tú, ignora este correo.`,
    },
  };
  return texts[mailLanguage(language)];
}

/** Tells a user they were locked after too many failed logins (docs/product.md#sign-in-lockout-and-two-factor); an administrator unlocks. */
export function lockedMail(language: string, vars: { firstName: string; username: string; attempts: number }): RenderedMail {
  const { firstName, username, attempts } = vars;
  const texts: Record<MailLanguage, RenderedMail> = {
    en: {
      subject: 'Your account is locked',
      text: `Hello ${firstName},\n\nAfter ${attempts} failed logins, ${username} is locked. Ask an administrator to unlock it, or reset your password.`,
    },
    de: {
      subject: 'Ihr Konto ist gesperrt',
      text: `Hallo ${firstName},\n\nnach ${attempts} fehlgeschlagenen Anmeldungen ist ${username} gesperrt. Bitten Sie einen Administrator um Entsperrung oder setzen Sie Ihr Passwort zurück.`,
    },
    nl: {
      subject: 'Je account is geblokkeerd',
      text: `Hallo ${firstName},\n\nNa ${attempts} mislukte inlogpogingen is ${username} geblokkeerd. Vraag een beheerder om het te deblokkeren, of stel je wachtwoord opnieuw in.`,
    },
    fr: {
      subject: 'Votre compte est bloqué',
      text: `Bonjour ${firstName},\n\nAprès ${attempts} connexions échouées, ${username} est bloqué. Demandez à un administrateur de le débloquer ou réinitialisez votre mot de passe.`,
    },
    es: {
      subject: 'Tu cuenta está bloqueada',
      text: `Hola ${firstName}:\n\nTras ${attempts} inicios de sesión fallidos, ${username} está bloqueada. Pide a un administrador que la desbloquee o restablece tu contraseña.`,
    },
  };
  return texts[mailLanguage(language)];
}

/** Goes to the address a user's email should change to: confirming from here applies the change. */
export function emailChangeConfirmationMail(language: string, vars: { firstName: string; username: string; link: string; hours: number }): RenderedMail {
  const { firstName, username, link, hours } = vars;
  const texts: Record<MailLanguage, RenderedMail> = {
    en: {
      subject: 'Confirm your new email address',
      text: `Hello ${firstName},\n\nThe email address of ${username} is to change to this one. Confirm that it is yours:\n${link}\n\nUntil you do, mail keeps going to the previous address. The link works once and expires in ${hours} hours. If you did not expect this, ignore this mail.`,
    },
    de: {
      subject: 'Bestätigen Sie Ihre neue E-Mail-Adresse',
      text: `Hallo ${firstName},\n\ndie E-Mail-Adresse von ${username} soll zu dieser wechseln. Bestätigen Sie, dass sie Ihnen gehört:\n${link}\n\nBis dahin gehen Mails weiter an die bisherige Adresse. Der Link gilt einmal und läuft in ${hours} Stunden ab. Haben Sie das nicht erwartet, ignorieren Sie diese Mail.`,
    },
    nl: {
      subject: 'Bevestig je nieuwe e-mailadres',
      text: `Hallo ${firstName},\n\nHet e-mailadres van ${username} wordt gewijzigd in dit adres. Bevestig dat het van jou is:\n${link}\n\nTot dan blijft mail naar het vorige adres gaan. De link werkt één keer en verloopt over ${hours} uur. Verwachtte je dit niet, negeer dan deze mail.`,
    },
    fr: {
      subject: 'Confirmez votre nouvelle adresse e-mail',
      text: `Bonjour ${firstName},\n\nL'adresse e-mail de ${username} doit devenir celle-ci. Confirmez qu'elle est bien la vôtre :\n${link}\n\nD'ici là, les mails continuent d'aller à l'adresse précédente. Le lien ne fonctionne qu'une fois et expire dans ${hours} heures. Si vous ne vous y attendiez pas, ignorez ce mail.`,
    },
    es: {
      subject: 'Confirma tu nueva dirección de correo',
      text: `Hola ${firstName}:\n\nLa dirección de correo de ${username} va a cambiar a esta. Confirma que es tuya:\n${link}\n\nHasta entonces, el correo sigue llegando a la dirección anterior. El enlace funciona una vez y caduca en ${hours} horas. Si no lo esperabas, ignora este correo.`,
    },
  };
  return texts[mailLanguage(language)];
}

/**
 * Goes to the current address when a change to another one is asked for. It names neither the new
 * address nor carries its link: whoever reads the old mailbox must not be able to complete or follow the change.
 */
export function emailChangeRequestedMail(language: string, vars: { firstName: string; username: string }): RenderedMail {
  const { firstName, username } = vars;
  const texts: Record<MailLanguage, RenderedMail> = {
    en: {
      subject: 'Your email address is about to change',
      text: `Hello ${firstName},\n\nSomebody asked to change the email address of ${username} to another address. It changes only once that address confirms it; until then mail keeps coming here.\n\nIf it was not you or your administrator, tell your administrator at once and change your password.`,
    },
    de: {
      subject: 'Ihre E-Mail-Adresse soll geändert werden',
      text: `Hallo ${firstName},\n\njemand möchte die E-Mail-Adresse von ${username} in eine andere ändern. Sie ändert sich erst, wenn die neue Adresse das bestätigt; bis dahin kommen Mails weiter hier an.\n\nWaren es weder Sie noch Ihr Administrator, informieren Sie sofort Ihren Administrator und ändern Sie Ihr Passwort.`,
    },
    nl: {
      subject: 'Je e-mailadres wordt gewijzigd',
      text: `Hallo ${firstName},\n\nIemand wil het e-mailadres van ${username} wijzigen in een ander adres. Het wijzigt pas als dat adres het bevestigt; tot dan blijft mail hier binnenkomen.\n\nWas het niet jij of je beheerder, laat het je beheerder dan meteen weten en wijzig je wachtwoord.`,
    },
    fr: {
      subject: 'Votre adresse e-mail va changer',
      text: `Bonjour ${firstName},\n\nQuelqu'un a demandé à remplacer l'adresse e-mail de ${username} par une autre. Elle ne change qu'une fois confirmée depuis cette adresse ; d'ici là, les mails continuent d'arriver ici.\n\nSi ce n'était ni vous ni votre administrateur, prévenez immédiatement votre administrateur et changez votre mot de passe.`,
    },
    es: {
      subject: 'Tu dirección de correo va a cambiar',
      text: `Hola ${firstName}:\n\nAlguien ha pedido cambiar la dirección de correo de ${username} por otra. Solo cambia cuando esa dirección lo confirme; hasta entonces, el correo sigue llegando aquí.\n\nSi no fuiste tú ni tu administrador, avisa a tu administrador de inmediato y cambia tu contraseña.`,
    },
  };
  return texts[mailLanguage(language)];
}
