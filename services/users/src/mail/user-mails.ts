import { mailLanguage, MailLanguage } from '@tenantry/provisioning';

/** Subject and plain-text body of one mail. */
export interface RenderedMail {
  subject: string;
  text: string;
}

/** The invitation mail (F12, F14): a link to accept and choose a password, valid for `hours`. */
export function invitationMail(language: string, vars: { firstName: string; organisation: string; link: string; hours: number }): RenderedMail {
  const { firstName, organisation, link, hours } = vars;
  const texts: Record<MailLanguage, RenderedMail> = {
    en: { subject: `You are invited to ${organisation}`, text: `Hello ${firstName},\n\nYou are invited to join ${organisation}. Choose your password to accept:\n${link}\n\nThe link works once and expires in ${hours} hours.` },
    de: { subject: `Einladung zu ${organisation}`, text: `Hallo ${firstName},\n\nSie sind zu ${organisation} eingeladen. Wählen Sie Ihr Passwort, um die Einladung anzunehmen:\n${link}\n\nDer Link gilt einmal und läuft in ${hours} Stunden ab.` },
    nl: { subject: `Je bent uitgenodigd voor ${organisation}`, text: `Hallo ${firstName},\n\nJe bent uitgenodigd voor ${organisation}. Kies je wachtwoord om de uitnodiging te accepteren:\n${link}\n\nDe link werkt één keer en verloopt over ${hours} uur.` },
    fr: { subject: `Invitation à rejoindre ${organisation}`, text: `Bonjour ${firstName},\n\nVous êtes invité(e) à rejoindre ${organisation}. Choisissez votre mot de passe pour accepter :\n${link}\n\nLe lien ne fonctionne qu'une fois et expire dans ${hours} heures.` },
    es: { subject: `Invitación a ${organisation}`, text: `Hola ${firstName}:\n\nTe han invitado a ${organisation}. Elige tu contraseña para aceptar:\n${link}\n\nEl enlace funciona una vez y caduca en ${hours} horas.` },
  };
  return texts[mailLanguage(language)];
}

/** The password-reset mail: a single-use link valid for `minutes`. */
export function passwordResetMail(language: string, vars: { firstName: string; username: string; link: string; minutes: number }): RenderedMail {
  const { firstName, username, link, minutes } = vars;
  const texts: Record<MailLanguage, RenderedMail> = {
    en: { subject: 'Reset your password', text: `Hello ${firstName},\n\nSomebody asked to reset the password of ${username}. Choose a new one here:\n${link}\n\nThe link works once and expires in ${minutes} minutes. If it was not you, ignore this mail.` },
    de: { subject: 'Passwort zurücksetzen', text: `Hallo ${firstName},\n\njemand möchte das Passwort von ${username} zurücksetzen. Wählen Sie hier ein neues:\n${link}\n\nDer Link gilt einmal und läuft in ${minutes} Minuten ab. Waren Sie es nicht, ignorieren Sie diese Mail.` },
    nl: { subject: 'Wachtwoord opnieuw instellen', text: `Hallo ${firstName},\n\nIemand wil het wachtwoord van ${username} opnieuw instellen. Kies hier een nieuw wachtwoord:\n${link}\n\nDe link werkt één keer en verloopt over ${minutes} minuten. Was jij het niet, negeer dan deze mail.` },
    fr: { subject: 'Réinitialisez votre mot de passe', text: `Bonjour ${firstName},\n\nQuelqu'un a demandé à réinitialiser le mot de passe de ${username}. Choisissez-en un nouveau ici :\n${link}\n\nLe lien ne fonctionne qu'une fois et expire dans ${minutes} minutes. Si ce n'était pas vous, ignorez ce mail.` },
    es: { subject: 'Restablece tu contraseña', text: `Hola ${firstName}:\n\nAlguien ha pedido restablecer la contraseña de ${username}. Elige una nueva aquí:\n${link}\n\nEl enlace funciona una vez y caduca en ${minutes} minutos. Si no fuiste tú, ignora este correo.` },
  };
  return texts[mailLanguage(language)];
}

/** Tells a user they were locked after too many failed logins (F34); an administrator unlocks. */
export function lockedMail(language: string, vars: { firstName: string; username: string; attempts: number }): RenderedMail {
  const { firstName, username, attempts } = vars;
  const texts: Record<MailLanguage, RenderedMail> = {
    en: { subject: 'Your account is locked', text: `Hello ${firstName},\n\nAfter ${attempts} failed logins, ${username} is locked. Ask an administrator to unlock it, or reset your password.` },
    de: { subject: 'Ihr Konto ist gesperrt', text: `Hallo ${firstName},\n\nnach ${attempts} fehlgeschlagenen Anmeldungen ist ${username} gesperrt. Bitten Sie einen Administrator um Entsperrung oder setzen Sie Ihr Passwort zurück.` },
    nl: { subject: 'Je account is geblokkeerd', text: `Hallo ${firstName},\n\nNa ${attempts} mislukte inlogpogingen is ${username} geblokkeerd. Vraag een beheerder om het te deblokkeren, of stel je wachtwoord opnieuw in.` },
    fr: { subject: 'Votre compte est bloqué', text: `Bonjour ${firstName},\n\nAprès ${attempts} connexions échouées, ${username} est bloqué. Demandez à un administrateur de le débloquer ou réinitialisez votre mot de passe.` },
    es: { subject: 'Tu cuenta está bloqueada', text: `Hola ${firstName}:\n\nTras ${attempts} inicios de sesión fallidos, ${username} está bloqueada. Pide a un administrador que la desbloquee o restablece tu contraseña.` },
  };
  return texts[mailLanguage(language)];
}
